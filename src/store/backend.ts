import { type Deserialize, Keyv, type KeyvOptions, type Serialize } from 'keyv';
import type { Logger } from 'pino';
import type { Coordination } from './coordination.js';

/** The three Keyv namespaces a store keeps. */
export const NAMESPACES = ['sessions', 'profiles', 'quarantine'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** The backend under a store: one Keyv per namespace over one connection's worth of storage. */
export interface Backend {
  readonly kind: 'memory' | 'sqlite' | 'redis';
  /** One Keyv per namespace; a value is the stored text, written and read back untouched. */
  readonly spaces: Readonly<Record<Namespace, Keyv<string>>>;
  /**
   * Present when several processes may share the backend (Redis): lease locks, fenced saves and event claims. Absent
   * for a backend one process owns (memory, SQLite), where the store's per-key queue serialises updates.
   */
  readonly coordination?: Coordination;
  /** Resolves when the backend can take a command; rejects at once when it is known to be down. */
  ready(): Promise<void>;
  /** Closes connections and file handles; never rejects. */
  close(): Promise<void>;
}

/** What every backend needs to know. */
export type BackendOptions = {
  /** Prepended to the namespaces (`<prefix>-sessions`), so several stores can share one backend. */
  readonly prefix?: string;
  readonly logger: Logger;
  readonly opTimeoutMs: number;
  /** On a shared backend: the lease of a key, from which the heartbeat silences are derived. */
  readonly leaseMs?: number;
};

// The store does its own JSON (the `{ v, data }` envelope) and uses no TTLs, so Keyv's `{ value, expires }` wrapper
// is left out: the backend holds exactly the envelope's text, and an unreadable text reaches the store's decoder
// (which quarantines it) instead of throwing inside Keyv.
const passThrough: Serialize = (data) => String(data.value);
const readThrough: Deserialize = <Value>(text: string) => ({ value: text as Value });

/** Keyv options shared by every backend: throw on failure (the store catches), text in and out. */
export const keyvOptions = (namespace: string): KeyvOptions => ({
  namespace,
  throwOnErrors: true,
  serialize: passThrough,
  deserialize: readThrough,
});

/** The namespace names for an optional prefix; throws at open when the prefix could clash with key patterns. */
export function namespaceNames(prefix: string | undefined): Record<Namespace, string> {
  if (prefix !== undefined && !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(prefix)) {
    throw new Error(`store prefix "${prefix}" is not valid: use letters, digits and "-"`);
  }
  const name = (namespace: Namespace): string => (prefix === undefined ? namespace : `${prefix}-${namespace}`);
  return { sessions: name('sessions'), profiles: name('profiles'), quarantine: name('quarantine') };
}

/** Builds the three Keyv instances with `make`, logging Keyv's own error events at debug level (the operation that
 *  met the error reports it as a value). */
export function makeSpaces(
  prefix: string | undefined,
  logger: Logger,
  make: (namespace: string) => Keyv<string>,
): Record<Namespace, Keyv<string>> {
  const names = namespaceNames(prefix);
  const build = (namespace: Namespace): Keyv<string> => {
    const keyv = make(names[namespace]);
    keyv.on('error', (error: unknown) => logger.debug({ namespace, err: String(error) }, 'keyv reported an error'));
    return keyv;
  };
  return { sessions: build('sessions'), profiles: build('profiles'), quarantine: build('quarantine') };
}

/** A backend kept in this process's memory; values are JSON text, as in a real backend. */
export function openMemoryBackend(options: BackendOptions): Backend {
  const spaces = makeSpaces(options.prefix, options.logger, (namespace) => new Keyv<string>(keyvOptions(namespace)));
  return { kind: 'memory', spaces, ready: async () => {}, close: async () => {} };
}
