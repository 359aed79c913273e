/**
 * Discord's sharding rules, as the gateway docs state them (discord-api-docs, events/gateway.mdx, "Sharding",
 * "Identifying", "Rate Limiting", "Session Start Limit Object").
 */

/** A session's `[shard_id, num_shards]`, as sent in IDENTIFY. */
export type ShardPair = readonly [id: number, count: number];

/** The shard that receives a guild's events: `(guild_id >> 22) % num_shards`. */
export function shardOfGuild(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/**
 * Whether a session identified with `shard` receives an event of `guildId`. Events without a guild (DMs) go to
 * shard 0 only; a session identified without `shard` is `[0, 1]` and receives everything.
 */
export function receives(shard: ShardPair | null, guildId: string | null): boolean {
  const [id, count] = shard ?? [0, 1];
  return guildId === null ? id === 0 : shardOfGuild(guildId, count) === id;
}

/** IDENTIFY's `shard` when absent or valid (two integers, `0 <= id < count`); `'invalid'` earns close 4010. */
export function parseShard(value: unknown): ShardPair | null | 'invalid' {
  if (value === undefined) return null;
  if (!Array.isArray(value) || value.length !== 2) return 'invalid';
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return 'invalid';
  const pair = [id, count] as [number, number];
  return pair[1] >= 1 && pair[0] >= 0 && pair[0] < pair[1] ? pair : 'invalid';
}

/** How the fake limits session starts (every default is Discord's for a bot in fewer than 150,000 guilds). */
export interface SessionStartOptions {
  /** IDENTIFYs allowed per day (default 1,000). */
  readonly total?: number;
  /** IDENTIFYs allowed per 5 seconds, one per rate-limit key `shard_id % max_concurrency` (default 1). */
  readonly maxConcurrency?: number;
  /**
   * Refuse an IDENTIFY within 5 s of the previous one with the same rate-limit key (op 9, as Discord does).
   * Default off, so tests that log a client in again at once are not slowed by discord.js waiting it out.
   */
  readonly enforceConcurrency?: boolean;
}

/** GET /gateway/bot's `session_start_limit`. */
export interface SessionStartLimit {
  readonly total: number;
  readonly remaining: number;
  readonly reset_after: number;
  readonly max_concurrency: number;
}

/** What an IDENTIFY may do: start a session, wait (op 9 Invalid Session), or exhaust the day's limit. */
export type Admission = 'start' | 'too-soon' | 'limit-reached';

const DAY_MS = 86_400_000;
const IDENTIFY_WINDOW_MS = 5000;

/** Counts session starts against the daily limit and the per-key 5-second window. */
export class SessionStarts {
  readonly #total: number;
  readonly #maxConcurrency: number;
  readonly #enforceConcurrency: boolean;
  readonly #lastByKey = new Map<number, number>();
  #windowStart: number;
  #used = 0;

  constructor(options: SessionStartOptions, now: number) {
    this.#total = options.total ?? 1000;
    this.#maxConcurrency = options.maxConcurrency ?? 1;
    this.#enforceConcurrency = options.enforceConcurrency ?? false;
    this.#windowStart = now;
  }

  /** The limit as GET /gateway/bot reports it now. */
  limit(now: number): SessionStartLimit {
    this.#roll(now);
    return {
      total: this.#total,
      remaining: this.#total - this.#used,
      reset_after: this.#windowStart + DAY_MS - now,
      max_concurrency: this.#maxConcurrency,
    };
  }

  /** Decides an IDENTIFY for `shard` at `now`; a `'start'` uses one session start. */
  admit(shard: ShardPair | null, now: number): Admission {
    this.#roll(now);
    const key = (shard?.[0] ?? 0) % this.#maxConcurrency;
    const last = this.#lastByKey.get(key);
    if (this.#enforceConcurrency && last !== undefined && now - last < IDENTIFY_WINDOW_MS) return 'too-soon';
    if (this.#used >= this.#total) return 'limit-reached';
    this.#used += 1;
    this.#lastByKey.set(key, now);
    return 'start';
  }

  #roll(now: number): void {
    if (now < this.#windowStart + DAY_MS) return;
    this.#windowStart = now;
    this.#used = 0;
  }
}
