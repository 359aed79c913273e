export { type App, openApp } from './boot.js';
export { buildLibrary, DEFAULT_PACK, loadLibrary } from './library.js';
export { createLogger } from './logger.js';
export { createPanelRuntime, type Deliver, type PanelInbound, type PanelKey, type PanelRuntime } from './panels.js';
export { openPanels, PANEL_VERSION, type Panels } from './panels-boot.js';
export { createRateLimiter, type RateLimiter } from './rate-limit.js';
export { createRuntime, profileKey, type Runtime, type RuntimeOptions, SEEN_EVENTS } from './runtime.js';
export type * from './types.js';
