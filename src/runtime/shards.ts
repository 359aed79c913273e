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
  /** A shard that dies is started again. */
  readonly respawn: true;
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
    respawn: true,
    execArgv: [...BOT_NODE_FLAGS, '--import', 'tsx'],
  };
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
