import { type Logger, pino } from 'pino';
import { attempt, ok } from './attempt.js';
import { type Backend, openMemoryBackend } from './backend.js';
import { openRedisBackend } from './backend-redis.js';
import { openSqliteBackend } from './backend-sqlite.js';
import { createCollection } from './collection.js';
import type { Codec, Store } from './types.js';
import { parseStoreUrl, redactUrl } from './url.js';

/** How long one backend call may take before it counts as `timeout`. */
export const DEFAULT_OP_TIMEOUT_MS = 2000;

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
  const settings = { logger, opTimeoutMs, ...(options.prefix === undefined ? {} : { prefix: options.prefix }) };
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
  const logger = parts.logger ?? pino({ level: 'silent' });
  const now = parts.now ?? Date.now;
  let closing: Promise<void> | undefined;
  const isClosed = (): boolean => closing !== undefined;
  const common = { backend, logger, opTimeoutMs, now, isClosed };
  const sessions = createCollection({ ...common, name: 'sessions', codec: parts.sessions });
  const profiles = createCollection({ ...common, name: 'profiles', codec: parts.profiles });

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
