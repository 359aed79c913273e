import { randomBytes } from 'node:crypto';
import { type Logger, pino } from 'pino';
import { attempt, ok } from './attempt.js';
import { type Backend, openMemoryBackend } from './backend.js';
import { openRedisBackend } from './backend-redis.js';
import { openSqliteBackend } from './backend-sqlite.js';
import { createLocalClaims } from './claims.js';
import { createCollection } from './collection.js';
import type { Handled, Note } from './coordination.js';
import type { Codec, Store, StoreObserver, StoreResult } from './types.js';
import { parseStoreUrl, redactUrl } from './url.js';

/** How long one backend call may take before it counts as `timeout`. */
export const DEFAULT_OP_TIMEOUT_MS = 2000;

/** How often a process on a shared backend says it is alive (its claims pass on only after a longer silence). */
const HEARTBEAT_EVERY_MS = 1000;

/** How long a key's lease lasts on a shared backend unless renewed (renewed every third while held). */
export const DEFAULT_LEASE_MS = 5000;

/** What a store is made of, whatever the backend. */
export type StoreParts<S, P> = {
  readonly sessions: Codec<S>;
  readonly profiles: Codec<P>;
  /** Defaults to a silent logger. Values are never logged; keys and reasons are. */
  readonly logger?: Logger;
  /** Per backend call; defaults to 2 s. */
  readonly opTimeoutMs?: number;
  /** The clock for quarantine times (epoch ms); defaults to `Date.now`. */
  readonly now?: () => number;
  /** On a shared backend (Redis): a key's lease in ms; defaults to 5 s. */
  readonly leaseMs?: number;
  /** On a shared backend: the longest wait for a lease held elsewhere; defaults to the lease plus the op timeout. */
  readonly lockWaitMs?: number;
  /** Receives lock waits and failures as they happen (metrics). */
  readonly observer?: StoreObserver;
  /** How long a note (a turn's replies awaiting delivery) lives unless its event is marked handled; default 1 h. */
  readonly noteTtlMs?: number;
};

/** Options of `openStore`. */
export type StoreOptions<S, P> = StoreParts<S, P> & {
  /** STORE_URL: `sqlite://<path>`, `memory://` or `redis://host:port[/db]`. */
  readonly url: string;
  /** Prepended to the namespaces (`<prefix>-sessions`), so several stores can share one backend. */
  readonly prefix?: string;
};

const checkCodec = (name: string, codec: Codec<unknown>): void => {
  if (!Number.isSafeInteger(codec.version) || codec.version < 1) {
    throw new Error(`store: the ${name} codec's version must be a whole number from 1, not ${codec.version}`);
  }
};

/** Opens the store STORE_URL names; throws one clear line when the URL is not one of the accepted forms. */
export function openStore<S, P>(options: StoreOptions<S, P>): Store<S, P> {
  const target = parseStoreUrl(options.url);
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'store' });
  const opTimeoutMs = options.opTimeoutMs ?? DEFAULT_OP_TIMEOUT_MS;
  const settings = {
    logger,
    opTimeoutMs,
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
    ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
  };
  const backend =
    target.kind === 'memory'
      ? openMemoryBackend(settings)
      : target.kind === 'sqlite'
        ? openSqliteBackend(target.path, settings)
        : openRedisBackend(target.url, settings);
  logger.info({ backend: target.kind, url: redactUrl(options.url) }, 'store opened');
  return createStore(backend, { ...options, logger });
}

/** A store over a backend that is already open; the store owns it and closes it. */
export function createStore<S, P>(backend: Backend, parts: StoreParts<S, P>): Store<S, P> {
  checkCodec('sessions', parts.sessions as Codec<unknown>);
  checkCodec('profiles', parts.profiles as Codec<unknown>);
  const opTimeoutMs = parts.opTimeoutMs ?? DEFAULT_OP_TIMEOUT_MS;
  if (!Number.isFinite(opTimeoutMs) || opTimeoutMs <= 0) {
    throw new Error(`store: opTimeoutMs must be a positive number of milliseconds, not ${opTimeoutMs}`);
  }
  const leaseMs = parts.leaseMs ?? DEFAULT_LEASE_MS;
  if (!Number.isFinite(leaseMs) || leaseMs < 10) {
    throw new Error(`store: leaseMs must be at least 10 milliseconds, not ${leaseMs}`);
  }
  const lockWaitMs = parts.lockWaitMs ?? leaseMs + opTimeoutMs;
  const logger = parts.logger ?? pino({ level: 'silent' });
  const now = parts.now ?? Date.now;
  const observer = parts.observer ?? {};
  let closing: Promise<void> | undefined;
  const isClosed = (): boolean => closing !== undefined;
  // Names this store among every process on the backend: leases and claims carry it, so only their taker frees them.
  const id = randomBytes(8).toString('hex');
  let tokens = 0;
  const token = (): string => `${id}:${(++tokens).toString(36)}`;
  const local = backend.coordination === undefined ? createLocalClaims() : undefined;
  const noteTtlMs = parts.noteTtlMs ?? 3_600_000;
  const writeNote = (note: Note): void => local?.writeNote(note.eventId, note.text, note.ttlMs);
  const markHandled = (handled: Handled): void => void local?.finish(handled.eventId, handled.ttlMs);
  const common = {
    backend,
    logger,
    opTimeoutMs,
    now,
    isClosed,
    leaseMs,
    lockWaitMs,
    token,
    observer,
    writeNote,
    markHandled,
    noteTtlMs,
  };
  const sessions = createCollection({ ...common, name: 'sessions', codec: parts.sessions });
  const profiles = createCollection({ ...common, name: 'profiles', codec: parts.profiles });
  const claims = backend.coordination ?? (local as NonNullable<typeof local>);
  // On a shared backend this process says it is alive every second: a claim whose owner stops saying so (killed,
  // frozen) is taken over by the next delivery of its event.
  // A claim is made only once a heartbeat has landed (the first, or again after an outage), so no other process can
  // take a claim of this one for that of a dead one.
  let alive: Promise<void> | undefined;
  const beat = (): Promise<void> => {
    const landed = claims.heartbeat(id);
    landed.catch(() => {
      if (alive === landed) alive = undefined;
    });
    return landed;
  };
  const heartbeat =
    backend.coordination === undefined
      ? undefined
      : setInterval(() => {
          alive = beat();
        }, HEARTBEAT_EVERY_MS);
  heartbeat?.unref();
  /** One claim call with the deadline; a failure is reported as a value, like every store operation. */
  const claimOp = async <T>(op: string, run: () => Promise<T>): Promise<StoreResult<T>> => {
    if (isClosed()) return { ok: false, error: { code: 'unavailable', message: `${op}: the store is closed` } };
    const outcome = await attempt(`event ${op}`, opTimeoutMs, async () => {
      await backend.ready();
      if (heartbeat !== undefined) {
        alive ??= beat();
        await alive;
      }
      return run();
    });
    if (!outcome.ok) observer.failure?.(`event ${op}`, outcome.error.code);
    return outcome;
  };

  return {
    sessions,
    profiles,

    async forget(platform, userId) {
      const outcomes = await Promise.all([
        sessions.forgetKey(`solo:${platform}:${userId}`),
        profiles.forgetKey(`${platform}:${userId}`),
      ]);
      const removed: string[] = [];
      for (const outcome of outcomes) {
        if (!outcome.ok) return outcome;
        removed.push(...outcome.value);
      }
      logger.info({ platform, removed: removed.length }, 'user forgotten');
      return ok(removed);
    },

    quarantined: (collection, key) => (collection === 'sessions' ? sessions : profiles).quarantined(key),

    claim(eventId, ttlMs, options = {}) {
      const { rate, enter } = options;
      if (enter === undefined)
        return claimOp('claim', async () => ({ state: await claims.claim(eventId, id, ttlMs, rate) }));
      // On Redis the claim's script also makes the first attempt at the session's lease and reads the session, so a
      // turn claims, locks and loads in one round trip.
      const shared = backend.coordination;
      return sessions.claimEntering(enter, (token) =>
        claimOp('claim', async () =>
          shared === undefined
            ? { state: await claims.claim(eventId, id, ttlMs, rate) }
            : shared.claimEntering(eventId, id, ttlMs, rate, { namespace: 'sessions', key: enter, token, leaseMs }),
        ),
      );
    },
    allow: (eventId, rate) => claimOp('count', () => claims.count(eventId, rate)),
    finish: (eventId, ttlMs) => claimOp('finish', () => claims.finish(eventId, ttlMs)),
    unclaim: (eventId) => claimOp('unclaim', () => claims.unclaim(eventId, id)),
    note: (eventId) => claimOp('note', () => claims.note(eventId)),
    progress: (eventId, posted) => claimOp('progress', () => claims.progress(eventId, posted)),

    async ping() {
      if (isClosed()) return false;
      const answer = await attempt('ping', opTimeoutMs, async () => {
        await backend.ready();
        return backend.spaces.sessions.get('ping');
      });
      return answer.ok;
    },

    close() {
      closing ??= (async () => {
        if (heartbeat !== undefined) {
          clearInterval(heartbeat);
          await claims.stopped(id).catch(() => {});
        }
        let timer: NodeJS.Timeout | undefined;
        const cap = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, 2 * opTimeoutMs);
        });
        await Promise.race([Promise.all([sessions.idle(), profiles.idle()]), cap]);
        clearTimeout(timer);
        await backend.close();
        logger.info('store closed');
      })();
      return closing;
    },
  };
}
