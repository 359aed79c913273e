import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { REST, type RESTGetAPIGatewayBotResult, Routes, type Shard, ShardingManager } from 'discord.js';
import type { Logger } from 'pino';
import {
  type Intake,
  type RespawnBackoff,
  type RespawnPolicy,
  respawnBackoff,
  SHARD_RESPAWN,
  type ShardPlan,
  shardSchedule,
  WAVE_GAP_MS,
} from '../../src/runtime/index.js';

/** What `startShards` takes. */
export type ShardManagerOptions = {
  readonly plan: ShardPlan;
  /** The file each shard process runs (this program's entry). */
  readonly entry: string;
  readonly logger: Logger;
  /** The REST API base (DISCORD_API_URL); discord.js's default when undefined. */
  readonly api?: string | undefined;
  /** How long a shard process gets to exit after SIGTERM before SIGKILL. */
  readonly stopMs: number;
  /** How long a shard process gets to become ready (default 30 s, discord.js's). */
  readonly readyMs?: number;
  /** How soon a dead shard is started again (default SHARD_RESPAWN). */
  readonly respawn?: RespawnPolicy;
};

/** The running shard processes: the manager, and stopping them. */
export type ShardFleet = Intake & {
  readonly manager: ShardingManager;
  /** Resolves once every wave has been started (each shard ready, or its failure logged), or the fleet stopped. */
  readonly started: Promise<void>;
};

/**
 * Asks Discord (GET /gateway/bot, on the configured API) how many shards to run when the plan says `auto`, and
 * whether today's session starts cover them, rejecting with the cause when not. Then starts the shard processes in
 * the background, in waves of max_concurrency, each wave once the previous one is ready and Discord's 5-second
 * IDENTIFY window has passed: a large bot takes minutes to start, and the manager must answer SIGTERM meanwhile.
 * A shard whose process dies is started again after a back-off (see SHARD_RESPAWN).
 */
export async function startShards(options: ShardManagerOptions): Promise<ShardFleet> {
  const { plan, logger } = options;
  const gateway = await fetchGatewayBot(plan.token, options.api);
  const schedule = shardSchedule(plan.totalShards, gateway);
  if (!schedule.ok) throw new Error(schedule.error);
  const { count, waves } = schedule.value;
  const manager = new ShardingManager(options.entry, {
    totalShards: count,
    shardList: waves.flat(),
    token: plan.token,
    mode: plan.mode,
    respawn: plan.respawn,
    execArgv: [...plan.execArgv],
  });
  logger.info({ shards: count, waves: waves.length, requested: plan.totalShards }, 'discord: starting shards');
  const stopping = new AbortController();
  const readyMs = options.readyMs ?? 30_000;
  const respawner = createRespawner(logger, readyMs, options.respawn ?? SHARD_RESPAWN, stopping.signal);
  const started = spawnWaves(manager, waves, logger, readyMs, stopping.signal, respawner);
  return {
    manager,
    started,
    async stop() {
      stopping.abort();
      respawner.cancel();
      await stopShards(manager, options.stopMs);
      await started;
    },
  };
}

/** Starts the waves one after another; a shard that fails to become ready is logged and the rest carry on. */
async function spawnWaves(
  manager: ShardingManager,
  waves: readonly (readonly number[])[],
  logger: Logger,
  readyMs: number,
  signal: AbortSignal,
  respawner: Respawner,
): Promise<void> {
  for (const [index, wave] of waves.entries()) {
    if (index > 0) await sleep(WAVE_GAP_MS, undefined, { signal }).catch(() => undefined);
    if (signal.aborted) return;
    const spawned = wave.map((id) =>
      watch(manager.createShard(id), logger, respawner)
        .spawn(readyMs)
        .catch((error: unknown) => {
          if (!signal.aborted) logger.error({ err: error, shard: id }, 'discord: shard did not become ready');
        }),
    );
    await Promise.all(spawned);
  }
  if (!signal.aborted) logger.info({ shards: manager.shards.size }, 'discord: every shard started');
}

/** GET /gateway/bot with the bot token, on `api` when given. */
async function fetchGatewayBot(token: string, api: string | undefined): Promise<RESTGetAPIGatewayBotResult> {
  const rest = new REST(api === undefined ? {} : { api }).setToken(token);
  try {
    return (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Discord did not say how to shard (GET /gateway/bot: ${why}): check DISCORD_TOKEN.`);
  }
}

/** Starts dead shards again, each after its own back-off; `cancel` drops the starts still waiting. */
type Respawner = {
  /** A process of `shard` that started at `startedAt` (epoch ms) died. */
  died(shard: Shard, startedAt: number, child: ChildProcess | Worker): void;
  cancel(): void;
};

function createRespawner(logger: Logger, readyMs: number, policy: RespawnPolicy, signal: AbortSignal): Respawner {
  const backoffs = new Map<number, RespawnBackoff>();
  /** The start waiting for each shard, by shard id. */
  const waiting = new Map<number, NodeJS.Timeout>();
  const schedule = (shard: Shard, livedMs: number, details: object): void => {
    const log = logger.child({ shard: shard.id });
    let backoff = backoffs.get(shard.id);
    if (backoff === undefined) {
      backoff = respawnBackoff(policy);
      backoffs.set(shard.id, backoff);
    }
    const delayMs = backoff.died(livedMs);
    log.warn({ ...details, delayMs }, 'discord: shard process died; starting it again');
    const timer = setTimeout(() => {
      waiting.delete(shard.id);
      if (signal.aborted) return;
      shard.spawn(readyMs).catch((error: unknown) => {
        if (signal.aborted) return;
        log.error({ err: error }, 'discord: shard did not become ready after a respawn');
        // A process that started and then died has been scheduled again by its death; one that never started
        // (the fork itself failed) has no death to come, so it is scheduled here.
        if (shard.process === null && !waiting.has(shard.id)) schedule(shard, 0, { shardPid: null });
      });
    }, delayMs);
    waiting.set(shard.id, timer);
  };
  return {
    died(shard, startedAt, child) {
      if (signal.aborted) {
        logger.info({ shard: shard.id, ...describe(child) }, 'discord: shard process stopped');
        return;
      }
      schedule(shard, Date.now() - startedAt, describe(child));
    },
    cancel() {
      for (const timer of waiting.values()) clearTimeout(timer);
      waiting.clear();
    },
  };
}

/**
 * Logs a shard's processes as they start, become ready and exit, and hands each death to `respawner` (which logs it
 * as a warning unless the manager is stopping the shards).
 */
function watch(shard: Shard, logger: Logger, respawner: Respawner): Shard {
  const log = logger.child({ shard: shard.id });
  let startedAt = Date.now();
  shard.on('spawn', (child) => {
    startedAt = Date.now();
    log.info(describe(child), 'discord: shard process started');
  });
  shard.on('ready', () => log.info('discord: shard ready'));
  shard.on('death', (child) => respawner.died(shard, startedAt, child));
  // discord.js emits errors of its own respawns (off here); an emitter's unheard 'error' would end the manager.
  shard.on('error', (error: unknown) => log.error({ err: error }, 'discord: shard error'));
  return shard;
}

/** A shard's process for the logs: its pid and, once it exited, how (`pid` itself is the manager's own). */
function describe(child: ChildProcess | Worker) {
  return 'threadId' in child
    ? { shardThread: child.threadId }
    : { shardPid: child.pid, code: child.exitCode, signal: child.signalCode };
}

/**
 * Stops every shard, once the caller has cancelled the respawns: SIGTERM to each process (each shuts down as
 * `startService` does), SIGKILL to any still running after `stopMs`; resolves once every process has exited, so none
 * outlives the manager.
 */
async function stopShards(manager: ShardingManager, stopMs: number): Promise<void> {
  await Promise.all(
    [...manager.shards.values()].map(async (shard) => {
      const child = shard.process;
      if (child === null) return;
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : once(child, 'exit');
      shard.kill();
      const timer = setTimeout(() => child.kill('SIGKILL'), stopMs);
      await exited;
      clearTimeout(timer);
    }),
  );
}
