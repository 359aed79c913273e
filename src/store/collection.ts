import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import { attempt, fail, type Hold, ok, StoreFailure } from './attempt.js';
import type { Backend } from './backend.js';
import { decode, encode } from './codec.js';
import { KeyQueue } from './key-queue.js';
import { appendQuarantine, quarantineKey, readQuarantine } from './quarantine.js';
import type { Change, Codec, Collection, CollectionName, Loaded, QuarantineEntry, StoreResult } from './types.js';

/** What a collection needs from the store that owns it. */
export type CollectionContext<V> = {
  readonly name: CollectionName;
  readonly codec: Codec<V>;
  readonly backend: Backend;
  readonly logger: Logger;
  readonly opTimeoutMs: number;
  readonly now: () => number;
  readonly isClosed: () => boolean;
};

/** A collection plus what only the store uses. */
export interface OwnedCollection<V> extends Collection<V> {
  /** Deletes `key` and its quarantined values under the key's lock; resolves to `<namespace>:<key>` of each removed. */
  forgetKey(key: string): Promise<StoreResult<string[]>>;
  /** The quarantined values of `key`, oldest first. */
  quarantined(key: string): Promise<StoreResult<readonly QuarantineEntry[]>>;
  /** Resolves when no operation is queued or running. */
  idle(): Promise<void>;
}

type Slot<V> = { readonly value: V | undefined; readonly quarantined: boolean; readonly current: boolean };

const closedError = fail('unavailable', 'the store is closed');

/** A collection of values of one codec in one Keyv namespace, with per-key serialisation and quarantine. */
export function createCollection<V>(context: CollectionContext<V>): OwnedCollection<V> {
  const { name, codec, backend, logger, opTimeoutMs, now, isClosed } = context;
  const space: Keyv<string> = backend.spaces[name];
  const quarantineSpace: Keyv<string> = backend.spaces.quarantine;
  const queue = new KeyQueue(opTimeoutMs);

  /** One backend call with the deadline, once the backend can take it; the key stays locked until it settles. */
  const call = <T>(op: string, hold: Hold, run: () => Promise<T>): Promise<StoreResult<T>> =>
    attempt(`${name} ${op}`, opTimeoutMs, async () => {
      await backend.ready();
      const work = run();
      hold(work);
      return work;
    });

  /** A Keyv write; `false` from Keyv also means the backend did not store it. */
  const write = async (op: string, hold: Hold, run: () => Promise<boolean>): Promise<StoreResult<void>> => {
    const written = await call(op, hold, run);
    if (!written.ok) return written;
    return written.value ? ok(undefined) : fail('unavailable', `${name} ${op}: the backend did not store the value`);
  };

  /** Appends the unreadable text to the key's quarantine list, then removes it from the collection. */
  const moveAside = async (key: string, raw: string, reason: string, hold: Hold): Promise<StoreResult<void>> => {
    const qkey = quarantineKey(name, key);
    const previous = await call('quarantine read', hold, () => quarantineSpace.get(qkey));
    if (!previous.ok) return previous;
    const at = now();
    const list = appendQuarantine(readQuarantine(previous.value, at), { at, reason, raw });
    const saved = await write('quarantine write', hold, () => quarantineSpace.set(qkey, list));
    if (!saved.ok) return saved;
    const removed = await call('delete', hold, () => space.delete(key));
    if (!removed.ok) return removed;
    logger.warn({ collection: name, key, reason }, 'unreadable stored value moved to quarantine');
    return ok(undefined);
  };

  /** Reads, upgrades and validates `key`; an unreadable value is moved aside and reads as undefined. */
  const load = async (key: string, hold: Hold): Promise<StoreResult<Slot<V>>> => {
    const read = await call('get', hold, () => space.get(key));
    if (!read.ok) return read;
    const raw: unknown = read.value;
    if (raw === undefined || raw === null) return ok({ value: undefined, quarantined: false, current: true });
    const text = typeof raw === 'string' ? raw : String(JSON.stringify(raw));
    const decoded = decode(codec, text);
    if (decoded.ok) {
      return ok({ value: decoded.value, quarantined: false, current: decoded.version === codec.version });
    }
    const moved = await moveAside(key, text, decoded.reason, hold);
    if (!moved.ok) return moved;
    return ok({ value: undefined, quarantined: true, current: true });
  };

  const logFailure = <T>(op: string, key: string, result: StoreResult<T>): StoreResult<T> => {
    if (!result.ok) logger.debug({ collection: name, key, op, code: result.error.code }, result.error.message);
    return result;
  };

  return {
    async get(key) {
      if (isClosed()) return closedError;
      // Under the key's lock, so moving an unreadable value aside cannot race an update of the same key.
      const loaded = await queue.run(key, (hold) => load(key, hold));
      if (!loaded.ok) return logFailure('get', key, loaded);
      return ok({ value: loaded.value.value, quarantined: loaded.value.quarantined });
    },

    async update<R>(key: string, fn: (current: V | undefined, loaded: Loaded) => Change<V, R>) {
      if (isClosed()) return closedError;
      // Serialises updates of `key` in this process only. Across processes (several bot instances on one Redis),
      // this is where a distributed lock on `key` would be taken and released around the task (a later issue).
      const outcome = await queue.run(key, async (hold): Promise<StoreResult<R>> => {
        const loaded = await load(key, hold);
        if (!loaded.ok) return loaded;
        const { value: current, quarantined, current: upToDate } = loaded.value;
        // No catch: if fn throws, nothing is written and the caller's promise rejects.
        const change = fn(current, { quarantined });
        if (typeof (change as unknown as PromiseLike<unknown>)?.then === 'function') {
          throw new TypeError(`${name} update: the update function must return a change, not a promise`);
        }
        if (change.next === undefined) {
          if (current === undefined) return ok(change.result);
          const removed = await call('delete', hold, () => space.delete(key));
          return removed.ok ? ok(change.result) : removed;
        }
        // The same object back means "no change"; an older version is still written, to store the upgrade.
        if (change.next === current && upToDate) return ok(change.result);
        const text = encode(codec, change.next, `${name} update of "${key}"`);
        const saved = await write('set', hold, () => space.set(key, text));
        return saved.ok ? ok(change.result) : saved;
      });
      return logFailure('update', key, outcome);
    },

    async delete(key) {
      if (isClosed()) return closedError;
      const removed = await queue.run(key, (hold) => call('delete', hold, () => space.delete(key)));
      return logFailure('delete', key, removed);
    },

    keys(): AsyncIterable<string> {
      return {
        async *[Symbol.asyncIterator]() {
          if (isClosed()) throw new StoreFailure(closedError.error);
          const iterate = space.iterator;
          if (iterate === undefined)
            throw new StoreFailure({ code: 'unavailable', message: `${name} keys: not supported` });
          const entries: AsyncIterator<[string, unknown]> = iterate(undefined);
          let finished = false;
          try {
            while (true) {
              const step = await call(
                'keys',
                () => {},
                () => entries.next(),
              );
              if (!step.ok) throw new StoreFailure(step.error);
              if (step.value.done === true) {
                finished = true;
                return;
              }
              yield step.value.value[0];
            }
          } finally {
            // Not awaited: after a timeout the backend's iterator may still be busy with the call that hung.
            if (!finished) void entries.return?.(undefined).catch(() => {});
          }
        },
      };
    },

    async forgetKey(key) {
      if (isClosed()) return closedError;
      const qkey = quarantineKey(name, key);
      const outcome = await queue.run(key, async (hold): Promise<StoreResult<string[]>> => {
        const removed: string[] = [];
        const value = await call('delete', hold, () => space.delete(key));
        if (!value.ok) return value;
        if (value.value) removed.push(`${name}:${key}`);
        const aside = await call('quarantine delete', hold, () => quarantineSpace.delete(qkey));
        if (!aside.ok) return aside;
        if (aside.value) removed.push(`quarantine:${qkey}`);
        return ok(removed);
      });
      return logFailure('forget', key, outcome);
    },

    async quarantined(key) {
      if (isClosed()) return closedError;
      const read = await call(
        'quarantine read',
        () => {},
        () => quarantineSpace.get(quarantineKey(name, key)),
      );
      return read.ok ? ok(readQuarantine(read.value, now())) : logFailure('quarantined', key, read);
    },

    idle: () => queue.idle(),
  };
}
