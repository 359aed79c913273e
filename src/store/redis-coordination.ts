import { createHash } from 'node:crypto';
import type { Namespace } from './backend.js';
import type { Acquired, Commit, Coordination } from './coordination.js';
import type { ClaimState } from './types.js';

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
 * if there is one (KEYS[3], ARGV[4], ARGV[5] ms), and release.
 */
const COMMIT = `
local current = redis.call('GET', KEYS[2])
local rev = 0
if current then rev = tonumber(string.match(current, '^{"v":%d+,"r":(%d+),') or '0') end
if rev ~= tonumber(ARGV[2]) then return 'stale' end
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'lost' end
if ARGV[3] == '' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[3]) end
if KEYS[3] then redis.call('SET', KEYS[3], ARGV[4], 'PX', ARGV[5]) end
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
 */
const CLAIM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 'claimed' end
local owner = redis.call('GET', KEYS[1])
if owner == 'handled' then return 'handled' end
local saved = redis.call('EXISTS', KEYS[2]) == 1
local left = redis.call('PTTL', ARGV[3] .. owner)
local alive
if saved then alive = left > 0 else alive = left > tonumber(ARGV[4]) - tonumber(ARGV[5]) end
if owner == ARGV[1] or alive then
  if saved then return 'saved' end
  return 'in-flight'
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 'taken-over'`;

/** Handled: the claim says so for ARGV[1] ms and the note goes. */
const FINISH = `
redis.call('SET', KEYS[1], 'handled', 'PX', ARGV[1])
redis.call('DEL', KEYS[2])
return 1`;

/** The few node-redis calls the scripts need (the client @keyv/redis already holds; no second client library). */
export type ScriptClient = {
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  set(key: string, value: string, options: { PX: number }): Promise<unknown>;
  get(key: string): Promise<string | null>;
  del(key: string): Promise<unknown>;
};

/** Where the coordination keys live, beside the Keyv namespaces and outside their `<namespace>::*` patterns. */
export type CoordinationKeys = {
  /** The Redis key of a value, exactly as @keyv/redis writes it (`<namespace>::<key>`). */
  readonly data: (namespace: Namespace, key: string) => string;
  readonly lock: (namespace: Namespace, key: string) => string;
  readonly claim: (eventId: string) => string;
  readonly note: (eventId: string) => string;
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
  finish: script(FINISH),
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

/** Coordination over one node-redis client: every operation is one command or one script, one round trip. */
export function redisCoordination(client: ScriptClient, keys: CoordinationKeys, silence: Silence): Coordination {
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
      if (held === 1) return { held: true, text: typeof value === 'string' ? value : undefined } satisfies Acquired;
      return { held: false, remainingMs: typeof value === 'number' ? value : -1 } satisfies Acquired;
    },
    async renew(namespace, key, token, leaseMs) {
      return (await run(client, scripts.renew, [keys.lock(namespace, key)], [token, String(leaseMs)])) === 1;
    },
    async commit(namespace, key, token, expectedRev, text, note) {
      const base = [keys.lock(namespace, key), keys.data(namespace, key)];
      const args = [token, String(expectedRev), text ?? ''];
      const reply =
        note === undefined
          ? await run(client, scripts.commit, base, args)
          : await run(
              client,
              scripts.commit,
              [...base, keys.note(note.eventId)],
              [...args, note.text, String(note.ttlMs)],
            );
      return toCommit(reply);
    },
    async release(namespace, key, token) {
      return (await run(client, scripts.release, [keys.lock(namespace, key)], [token])) === 1;
    },
    async claim(eventId, owner, ttlMs) {
      const reply = await run(
        client,
        scripts.claim,
        [keys.claim(eventId), keys.note(eventId)],
        [owner, String(ttlMs), keys.alive, String(silence.longMs), String(silence.shortMs)],
      );
      if (
        reply === 'claimed' ||
        reply === 'taken-over' ||
        reply === 'in-flight' ||
        reply === 'saved' ||
        reply === 'handled'
      )
        return reply satisfies ClaimState;
      throw new Error(`unexpected claim reply ${String(reply)}`);
    },
    async finish(eventId, ttlMs) {
      await run(client, scripts.finish, [keys.claim(eventId), keys.note(eventId)], [String(ttlMs)]);
    },
    async unclaim(eventId, owner) {
      await run(client, scripts.release, [keys.claim(eventId)], [owner]);
    },
    async note(eventId) {
      return (await client.get(keys.note(eventId))) ?? undefined;
    },
    async heartbeat(owner) {
      await client.set(`${keys.alive}${owner}`, '1', { PX: silence.longMs });
    },
    async stopped(owner) {
      await client.del(`${keys.alive}${owner}`);
    },
  };
}
