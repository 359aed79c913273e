import { createHash } from 'node:crypto';
import type { Namespace } from './backend.js';
import type { Acquired, Commit, Coordination, LeaseAttempt } from './coordination.js';
import type { ClaimState, NoteRecord, RateCheck } from './types.js';

// Each script runs atomically in Redis, so no other command can come between its reads and its writes. Keys are
// passed as KEYS so the scripts stay valid on a cluster-aware setup where each call's keys share a hash slot.

/** SET NX PX the lease; when taken, read the value in the same step (one round trip for lock and load). */
const ACQUIRE = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return {1, redis.call('GET', KEYS[2])}
end
return {0, redis.call('PTTL', KEYS[1])}`;

/**
 * Fenced write: the stored revision must still be the one loaded and the lease still ours; then write, write the note
 * if there is one (KEYS[3]: a hash of the replies ARGV[4] and the messages posted so far, for ARGV[5] ms), mark an
 * event handled if asked (KEYS[4] for ARGV[6] ms, its note KEYS[5] dropped), and release. Unused keys repeat KEYS[1].
 */
const COMMIT = `
local current = redis.call('GET', KEYS[2])
local rev = 0
if current then rev = tonumber(string.match(current, '^{"v":%d+,"r":(%d+),') or '0') end
if rev ~= tonumber(ARGV[2]) then return 'stale' end
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'lost' end
if ARGV[3] == '' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[3]) end
if ARGV[4] ~= '' then
  redis.call('HSET', KEYS[3], 'replies', ARGV[4], 'posted', 0)
  redis.call('PEXPIRE', KEYS[3], ARGV[5])
end
if ARGV[6] ~= '' then
  redis.call('SET', KEYS[4], 'handled', 'PX', ARGV[6])
  redis.call('DEL', KEYS[5])
end
redis.call('DEL', KEYS[1])
return 'ok'`;

/** Compare-and-delete: only the token that took the lease may release it. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Compare-and-extend, for a turn that runs longer than a third of its lease. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/**
 * SET NX PX the claim (KEYS[1]) for owner ARGV[1]; otherwise report on it. Its owner's heartbeat key (ARGV[3] ..
 * owner) is set for ARGV[4] ms on every beat: an owner that beat within the last ARGV[5] ms is working on the event
 * (in flight), and one whose key still exists may be delivering the replies it noted (KEYS[2]). An owner silent for
 * longer has died (or is frozen), and the claim passes to the caller: after the short silence for an event not yet
 * saved, after the whole heartbeat for one whose replies are noted (so a paused process is not doubled).
 *
 * With a rate limit ARGV[6] (not ''), a new claim is counted in the sorted set KEYS[3] of the sender's claims by time
 * (ARGV[8] now, a window of ARGV[7] ms), and answers 'limited' when the window is full. With a lease token ARGV[9]
 * (not ''), a granted claim then tries the lease KEYS[4] for ARGV[10] ms and reads the value KEYS[5], as ACQUIRE does.
 * Unused keys repeat KEYS[1]. The reply is {state} or {state, held, value or remaining ms}.
 */
const CLAIM = `
local state
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  state = 'claimed'
  if ARGV[6] ~= '' then
    local now = tonumber(ARGV[8])
    redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[7]))
    if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[6]) then return {'limited'} end
    redis.call('ZADD', KEYS[3], now, KEYS[1])
    redis.call('PEXPIRE', KEYS[3], ARGV[7])
  end
else
  local owner = redis.call('GET', KEYS[1])
  if owner == 'handled' then return {'handled'} end
  local saved = redis.call('EXISTS', KEYS[2]) == 1
  local left = redis.call('PTTL', ARGV[3] .. owner)
  local alive
  if saved then alive = left > 0 else alive = left > tonumber(ARGV[4]) - tonumber(ARGV[5]) end
  if owner == ARGV[1] or alive then
    if saved then return {'saved'} end
    return {'in-flight'}
  end
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  state = 'taken-over'
end
if ARGV[9] == '' then return {state} end
if redis.call('SET', KEYS[4], ARGV[9], 'NX', 'PX', ARGV[10]) then return {state, 1, redis.call('GET', KEYS[5])} end
return {state, 0, redis.call('PTTL', KEYS[4])}`;

/**
 * Counts the event ARGV[4] in the sorted set KEYS[1] of its sender's events by time (ARGV[3] now, a window of ARGV[2]
 * ms) when there is room for it under ARGV[1]; an event already counted is within the limit. Replies 1 or 0.
 */
const COUNT = `
local now = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZSCORE', KEYS[1], ARGV[4]) then return 1 end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/** Handled: the claim says so for ARGV[1] ms and the note goes. */
const FINISH = `
redis.call('SET', KEYS[1], 'handled', 'PX', ARGV[1])
redis.call('DEL', KEYS[2])
return 1`;

/** A note's replies and progress (a note written as plain text, by an older version, has posted nothing). */
const NOTE = `
local kind = redis.call('TYPE', KEYS[1]).ok
if kind == 'hash' then return redis.call('HMGET', KEYS[1], 'replies', 'posted') end
if kind == 'string' then return {redis.call('GET', KEYS[1]), '0'} end
return {}`;

/** Raises a note's progress to ARGV[1]; never lowers it, and never brings back a note that is gone. */
const PROGRESS = `
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then return 0 end
if tonumber(ARGV[1]) <= tonumber(redis.call('HGET', KEYS[1], 'posted') or '0') then return 0 end
redis.call('HSET', KEYS[1], 'posted', ARGV[1])
return 1`;

/** The few node-redis calls the scripts need (the client @keyv/redis already holds; no second client library). */
export type ScriptClient = {
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  set(key: string, value: string, options: { PX: number }): Promise<unknown>;
  del(key: string): Promise<unknown>;
};

/** Where the coordination keys live, beside the Keyv namespaces and outside their `<namespace>::*` patterns. */
export type CoordinationKeys = {
  /** The Redis key of a value, exactly as @keyv/redis writes it (`<namespace>::<key>`). */
  readonly data: (namespace: Namespace, key: string) => string;
  readonly lock: (namespace: Namespace, key: string) => string;
  readonly claim: (eventId: string) => string;
  readonly note: (eventId: string) => string;
  /** The sorted set of a sender's recent claims, for the shared rate limit. */
  readonly rate: (key: string) => string;
  /** The prefix of heartbeat keys; the owner's id follows it. */
  readonly alive: string;
};

/** How long a process may be silent before its claims pass on: `shortMs` for work not yet saved, `longMs` else. */
export type Silence = { readonly shortMs: number; readonly longMs: number };

type Script = { readonly source: string; readonly sha: string };
const script = (source: string): Script => ({ source, sha: createHash('sha1').update(source).digest('hex') });
const scripts = {
  acquire: script(ACQUIRE),
  commit: script(COMMIT),
  release: script(RELEASE),
  renew: script(RENEW),
  claim: script(CLAIM),
  count: script(COUNT),
  finish: script(FINISH),
  note: script(NOTE),
  progress: script(PROGRESS),
};

/** Runs a script by its SHA1 and loads it on NOSCRIPT (after a Redis restart the script cache is empty). */
async function run(client: ScriptClient, { source, sha }: Script, keys: string[], args: string[]): Promise<unknown> {
  try {
    return await client.evalSha(sha, { keys, arguments: args });
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
      return client.eval(source, { keys, arguments: args });
    }
    throw error;
  }
}

const toCommit = (reply: unknown): Commit => {
  if (reply === 'ok' || reply === 'stale' || reply === 'lost') return reply;
  throw new Error(`unexpected commit reply ${String(reply)}`);
};

const claimStates: readonly unknown[] = [
  'claimed',
  'limited',
  'taken-over',
  'in-flight',
  'saved',
  'handled',
] satisfies ClaimState[];

/** The lease part of a claim's reply, as `acquire` reads its own. */
const toAcquired = (held: unknown, value: unknown): Acquired =>
  held === 1
    ? { held: true, text: typeof value === 'string' ? value : undefined }
    : { held: false, remainingMs: typeof value === 'number' ? value : -1 };

/** Coordination over one node-redis client: every operation is one command or one script, one round trip. */
export function redisCoordination(client: ScriptClient, keys: CoordinationKeys, silence: Silence): Coordination {
  /** The claim script, with a rate limit and a first lease attempt when asked. */
  async function claim(
    eventId: string,
    owner: string,
    ttlMs: number,
    rate: RateCheck | undefined,
    lease: LeaseAttempt | undefined,
  ): Promise<{ readonly state: ClaimState; readonly acquired?: Acquired }> {
    const claimKey = keys.claim(eventId);
    const reply = await run(
      client,
      scripts.claim,
      [
        claimKey,
        keys.note(eventId),
        rate === undefined ? claimKey : keys.rate(rate.key),
        lease === undefined ? claimKey : keys.lock(lease.namespace, lease.key),
        lease === undefined ? claimKey : keys.data(lease.namespace, lease.key),
      ],
      [
        owner,
        String(ttlMs),
        keys.alive,
        String(silence.longMs),
        String(silence.shortMs),
        rate === undefined ? '' : String(rate.limit),
        String(rate?.windowMs ?? 0),
        String(rate?.now ?? 0),
        lease?.token ?? '',
        String(lease?.leaseMs ?? 0),
      ],
    );
    const [state, held, value] = (Array.isArray(reply) ? reply : []) as [unknown, unknown, unknown];
    if (!claimStates.includes(state)) throw new Error(`unexpected claim reply ${String(state)}`);
    const known = state as ClaimState;
    return held === undefined ? { state: known } : { state: known, acquired: toAcquired(held, value) };
  }

  return {
    async acquire(namespace, key, token, leaseMs) {
      const reply = await run(
        client,
        scripts.acquire,
        [keys.lock(namespace, key), keys.data(namespace, key)],
        [token, String(leaseMs)],
      );
      if (!Array.isArray(reply)) throw new Error('unexpected acquire reply');
      const [held, value] = reply as [unknown, unknown];
      return toAcquired(held, value);
    },
    async renew(namespace, key, token, leaseMs) {
      return (await run(client, scripts.renew, [keys.lock(namespace, key)], [token, String(leaseMs)])) === 1;
    },
    async commit(namespace, key, token, expectedRev, text, also = {}) {
      const lock = keys.lock(namespace, key);
      const { note, handled } = also;
      const reply = await run(
        client,
        scripts.commit,
        [
          lock,
          keys.data(namespace, key),
          note === undefined ? lock : keys.note(note.eventId),
          handled === undefined ? lock : keys.claim(handled.eventId),
          handled === undefined ? lock : keys.note(handled.eventId),
        ],
        [
          token,
          String(expectedRev),
          text ?? '',
          note?.text ?? '',
          String(note?.ttlMs ?? 0),
          handled === undefined ? '' : String(handled.ttlMs),
        ],
      );
      return toCommit(reply);
    },
    async release(namespace, key, token) {
      return (await run(client, scripts.release, [keys.lock(namespace, key)], [token])) === 1;
    },
    async claim(eventId, owner, ttlMs, rate) {
      return (await claim(eventId, owner, ttlMs, rate, undefined)).state;
    },
    claimEntering: (eventId, owner, ttlMs, rate, lease) => claim(eventId, owner, ttlMs, rate, lease),
    async count(eventId, rate) {
      // The member is the event's claim key, as the claim script counts it: an event counted either way counts once.
      const args = [String(rate.limit), String(rate.windowMs), String(rate.now), keys.claim(eventId)];
      return (await run(client, scripts.count, [keys.rate(rate.key)], args)) === 1;
    },
    async finish(eventId, ttlMs) {
      await run(client, scripts.finish, [keys.claim(eventId), keys.note(eventId)], [String(ttlMs)]);
    },
    async unclaim(eventId, owner) {
      await run(client, scripts.release, [keys.claim(eventId)], [owner]);
    },
    async note(eventId) {
      const reply = await run(client, scripts.note, [keys.note(eventId)], []);
      if (!Array.isArray(reply)) throw new Error('unexpected note reply');
      const [text, posted] = reply as [unknown, unknown];
      if (typeof text !== 'string') return undefined;
      return { text, posted: Number(posted) || 0 } satisfies NoteRecord;
    },
    async progress(eventId, posted) {
      await run(client, scripts.progress, [keys.note(eventId)], [String(posted)]);
    },
    async heartbeat(owner) {
      await client.set(`${keys.alive}${owner}`, '1', { PX: silence.longMs });
    },
    async stopped(owner) {
      await client.del(`${keys.alive}${owner}`);
    },
  };
}
