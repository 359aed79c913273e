import type { Config } from '../config.js';

/**
 * How `npm start` runs Discord's ShardingManager when DISCORD_SHARDS is set: the options to build it with (the
 * adapter passes them to `new ShardingManager(entry, plan)`; src/ does not import discord.js). Each shard is a
 * process running the same entry, so every shard serves on the same store like any other bot process.
 */
export type ShardPlan = {
  readonly totalShards: number | 'auto';
  readonly token: string;
  readonly mode: 'process';
  /**
   * Off in discord.js, which would start a dead shard again at once, every time: the adapter starts it again itself,
   * after a back-off (`respawnBackoff`, `SHARD_RESPAWN`).
   */
  readonly respawn: false;
  /** Shard processes run the TypeScript entry through tsx with the bot's Node flags, as `npm start` does. */
  readonly execArgv: readonly string[];
};

/** The sharding plan, or undefined when DISCORD_SHARDS is unset (one process) or Discord is not configured. */
export function shardPlan(config: Pick<Config, 'DISCORD_SHARDS' | 'DISCORD_TOKEN'>): ShardPlan | undefined {
  if (config.DISCORD_SHARDS === undefined || config.DISCORD_TOKEN === undefined) return undefined;
  return {
    totalShards: config.DISCORD_SHARDS,
    token: config.DISCORD_TOKEN,
    mode: 'process',
    respawn: false,
    execArgv: [...BOT_NODE_FLAGS, '--import', 'tsx'],
  };
}

/** How soon a shard whose process died is started again. */
export type RespawnPolicy = {
  /** The wait after a death that ends a healthy run. */
  readonly firstMs: number;
  /** The longest wait: a shard that keeps dying is tried this often. */
  readonly maxMs: number;
  /** A process that lived this long was healthy: the next death waits `firstMs` again. */
  readonly healthyMs: number;
};

/**
 * One second after a death that ends a healthy run, then twice as long after each death that follows a run shorter
 * than a minute, up to five minutes. Every start identifies, and Discord allows about 1,000 session starts a day
 * before it resets the token: a shard that crashes as soon as it starts spends under 300 starts a day, not one a
 * second.
 */
export const SHARD_RESPAWN: RespawnPolicy = { firstMs: 1_000, maxMs: 300_000, healthyMs: 60_000 };

/** The deaths of one shard so far: how long its next start waits. */
export type RespawnBackoff = {
  /** A process of the shard died after living `livedMs`: the wait before starting it again. */
  died(livedMs: number): number;
};

/** The back-off of one shard, starting healthy. */
export function respawnBackoff(policy: RespawnPolicy = SHARD_RESPAWN): RespawnBackoff {
  let quickDeaths = 0;
  return {
    died(livedMs) {
      quickDeaths = livedMs < policy.healthyMs ? quickDeaths + 1 : 0;
      // 2^k overflows nothing that matters: past a few dozen doublings the cap has long been reached.
      return Math.min(policy.maxMs, policy.firstMs * 2 ** Math.min(quickDeaths, 30));
    },
  };
}

/** What GET /gateway/bot says that starting shards depends on (Discord's field names). */
export type GatewayBotInfo = {
  /** The number of shards Discord recommends. */
  readonly shards: number;
  readonly session_start_limit: {
    /** Session starts (IDENTIFYs) left until `reset_after` ms from now; going past them resets the token. */
    readonly remaining: number;
    readonly reset_after: number;
    /** IDENTIFYs allowed per 5 seconds, one per rate-limit key `shard_id % max_concurrency`. */
    readonly max_concurrency: number;
  };
};

/** How to start the shards: how many, and in which waves (the shards of one wave identify at the same time). */
export type ShardSchedule = {
  readonly count: number;
  readonly waves: readonly (readonly number[])[];
};

/** Discord's window for IDENTIFY with one rate-limit key; waves start this far apart, with a margin. */
export const WAVE_GAP_MS = 5500;

/**
 * The shards to start for DISCORD_SHARDS (a number, or `auto`: Discord's recommendation), given GET /gateway/bot.
 * Waves follow Discord's max_concurrency rule: shards 0..c-1 have distinct rate-limit keys and may identify
 * together, the next c wait for the window. Refuses, saying why, when the day's session starts cannot cover every
 * shard (going past them makes Discord reset the token).
 */
export function shardSchedule(
  requested: number | 'auto',
  gateway: GatewayBotInfo,
): { ok: true; value: ShardSchedule } | { ok: false; error: string } {
  const count = requested === 'auto' ? Math.max(1, gateway.shards) : requested;
  const limit = gateway.session_start_limit;
  if (limit.remaining < count) {
    const minutes = Math.ceil(limit.reset_after / 60_000);
    return {
      ok: false,
      error:
        `Discord allows ${limit.remaining} more session starts for this bot (the count resets in ${minutes} min); ` +
        `${count} shards need ${count}. Going past the limit makes Discord reset the token: wait for the reset.`,
    };
  }
  const size = Math.max(1, limit.max_concurrency);
  const waves: number[][] = [];
  for (let first = 0; first < count; first += size)
    waves.push(Array.from({ length: Math.min(size, count - first) }, (_, i) => first + i));
  return { ok: true, value: { count, waves } };
}

/**
 * How long the manager waits for a shard process to exit after SIGTERM before it sends SIGKILL: the shutdown grace
 * less 2 s (at least 1 s), so the manager itself still exits within its own grace.
 */
export function shardStopMs(config: Pick<Config, 'SHUTDOWN_GRACE_SECONDS'>): number {
  return Math.max(1000, config.SHUTDOWN_GRACE_SECONDS * 1000 - 2000);
}

/** Which shard this process is, from the SHARDS and SHARD_COUNT variables the ShardingManager sets for it. */
export function shardOf(env: Readonly<Record<string, string | undefined>>): { id: number; count: number } | undefined {
  const { SHARDS: id, SHARD_COUNT: count } = env;
  if (id === undefined || count === undefined || !/^\d+$/.test(id) || !/^\d+$/.test(count)) return undefined;
  return { id: Number(id), count: Number(count) };
}

/**
 * The operations port of a shard: OPS_PORT is the manager's, shard n gets OPS_PORT + 1 + n, so every process on the
 * machine exposes its own /healthz and /metrics. Undefined when OPS_PORT is unset (or 0: a free port each).
 */
export function shardOpsPort(config: Pick<Config, 'OPS_PORT'>, shard: { id: number }): number | undefined {
  if (config.OPS_PORT === undefined) return undefined;
  return config.OPS_PORT === 0 ? 0 : config.OPS_PORT + 1 + shard.id;
}

/**
 * Node flags every bot process runs with (package.json's start script has the same): a 32 MB young generation, so
 * the many short-lived objects of reading an answer are collected in fewer, shorter pauses.
 */
export const BOT_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
