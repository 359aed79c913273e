export { createRateLimiter, type RateLimiter } from '../store/index.js';
export { type App, type OpenOptions, openApp } from './boot.js';
export { type InterviewStoreOptions, openInterviewStore } from './interview-store.js';
export { buildLibrary, DEFAULT_PACK, loadLibrary } from './library.js';
export { createLogger } from './logger.js';
export { adapterOfKey, createMetrics, type Metrics, type TurnOutcome } from './metrics.js';
export { type OpsServer, startOps } from './ops.js';
export { createPanelRuntime, type Deliver, type PanelInbound, type PanelKey, type PanelRuntime } from './panels.js';
export { openPanels, PANEL_VERSION, type Panels } from './panels-boot.js';
export {
  createRuntime,
  profileKey,
  type Runtime,
  type RuntimeOptions,
  SEEN_EVENTS,
  type TurnSample,
} from './runtime.js';
export { type Intake, type Service, type ServiceOptions, startService } from './service.js';
export {
  BOT_NODE_FLAGS,
  type GatewayBotInfo,
  type RespawnBackoff,
  type RespawnPolicy,
  respawnBackoff,
  SHARD_RESPAWN,
  type ShardPlan,
  type ShardSchedule,
  shardOf,
  shardOpsPort,
  shardPlan,
  shardSchedule,
  shardStopMs,
  WAVE_GAP_MS,
} from './shards.js';
export type * from './types.js';
