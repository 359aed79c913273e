import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import { attempt, fail, type Hold, ok, StoreFailure } from './attempt.js';
import type { Backend } from './backend.js';
import { decode, encodeRead } from './codec.js';
import { type Acquired, type Handled, type Note, revisionOf } from './coordination.js';
import { KeyQueue } from './key-queue.js';
import { createParking } from './parking.js';
import { appendQuarantine, quarantineKey, readQuarantine } from './quarantine.js';
import { RecentValues } from './recent.js';
import { enterSection, type Section } from './section.js';
import type {
  Change,
  Claim,
  ClaimState,
  Codec,
  Collection,
  CollectionName,
  Loaded,
  QuarantineEntry,
  StoreObserver,
  StoreResult,
} from './types.js';

/** What a collection needs from the store that owns it. */
export type CollectionContext<V> = {
  readonly name: CollectionName;
  readonly codec: Codec<V>;
  readonly backend: Backend;
  readonly logger: Logger;
  readonly opTimeoutMs: number;
  readonly now: () => number;
  readonly isClosed: () => boolean;
  /** Lease length on a shared backend. */
  readonly leaseMs: number;
  /** The longest wait for a lease held by another process. */
  readonly lockWaitMs: number;
  /** A token for one lease, unique across processes. */
  readonly token: () => string;
  /** Keeps a note where the backend does not (one process's backends). */
  readonly writeNote: (note: Note) => void;
  /** Marks an event handled where the backend does not (one process's backends). */
  readonly markHandled: (handled: Handled) => void;
  /** How long a note lives unless its event is marked handled first. */
  readonly noteTtlMs: number;
  readonly observer: StoreObserver;
};

/** A collection plus what only the store uses. */
export interface OwnedCollection<V> extends Collection<V> {
  /** Deletes `key` and its quarantined values under the key's lock; resolves to `<namespace>:<key>` of each removed. */
  forgetKey(key: string): Promise<StoreResult<string[]>>;
  /** The quarantined values of `key`, oldest first. */
  quarantined(key: string): Promise<StoreResult<readonly QuarantineEntry[]>>;
  /**
   * Runs `claim` (with a fresh lease token) holding `key` in this process and, when it grants the claim and took the
   * lease (on a backend one process owns: always), keeps the key's section entered for the next `update` of `key`.
   */
  claimEntering(key: string, claim: (token: string) => Promise<StoreResult<Claimed>>): Promise<StoreResult<Claim>>;
  /** Resolves when no operation is queued or running. */
  idle(): Promise<void>;
}

/** What a claim that may enter a section answered: its state and, on a shared backend, its first lease attempt. */
export type Claimed = { readonly state: ClaimState; readonly acquired?: Acquired };

type Slot<V> = {
  readonly value: V | undefined;
  readonly quarantined: boolean;
  /** Whether the stored envelope is of the codec's current version (an older one is rewritten on update). */
  readonly current: boolean;
  /** The stored revision (0 when nothing is stored), which a save must still find to write. */
  readonly rev: number;
};

const closedError = fail('unavailable', 'the store is closed');

/** A collection of values of one codec in one Keyv namespace, with per-key serialisation and quarantine. */
export function createCollection<V>(context: CollectionContext<V>): OwnedCollection<V> {
  const { name, codec, backend, logger, opTimeoutMs, now, isClosed } = context;
  const space: Keyv<string> = backend.spaces[name];
  const quarantineSpace: Keyv<string> = backend.spaces.quarantine;
  const queue = new KeyQueue(opTimeoutMs);
  const recent = new RecentValues<V>();
  const parking = createParking(context);

  /** Decodes a stored text, or finds it decoded already: the text this process last read or wrote for `key`. */
  const decodeRecent = (key: string, text: string) => {
    const known = recent.lookup(key, text);
    if (known !== undefined) return { ok: true as const, value: known.value, version: known.version };
    const decoded = decode(codec, text);
    if (decoded.ok) recent.remember(key, { text, value: decoded.value, version: decoded.version });
    return decoded;
  };

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

  /** Upgrades and validates the text a section read; an unreadable one is moved aside and reads as undefined. */
  const decodeText = async (key: string, text: string | undefined, hold: Hold): Promise<StoreResult<Slot<V>>> => {
    if (text === undefined) return ok({ value: undefined, quarantined: false, current: true, rev: 0 });
    const decoded = decodeRecent(key, text);
    if (decoded.ok) {
      return ok({
        value: decoded.value,
        quarantined: false,
        current: decoded.version === codec.version,
        rev: revisionOf(text),
      });
    }
    const moved = await moveAside(key, text, decoded.reason, hold);
    if (!moved.ok) return moved;
    return ok({ value: undefined, quarantined: true, current: true, rev: 0 });
  };

  const sectionContext = {
    name,
    backend,
    call,
    leaseMs: context.leaseMs,
    lockWaitMs: context.lockWaitMs,
    token: context.token,
    writeNote: context.writeNote,
    markHandled: context.markHandled,
  };

  /**
   * Runs `work` holding `key`: after this process's earlier operations on it and, on a shared backend, under its
   * lease. The section is always left, whether `work` returns, fails or throws.
   */
  const locked = <T>(key: string, work: (section: Section, hold: Hold) => Promise<StoreResult<T>>) => {
    const queued = performance.now();
    return queue.run(key, async (hold): Promise<StoreResult<T>> => {
      const queueWait = performance.now() - queued;
      const entered = await enterSection(sectionContext, key, hold);
      if (!entered.ok) return entered;
      const section = entered.value;
      context.observer.lockWait?.(name, queueWait + section.waitedMs, key);
      try {
        return await work(section, hold);
      } finally {
        await section.release();
      }
    });
  };

  const logFailure = <T>(op: string, key: string, result: StoreResult<T>): StoreResult<T> => {
    if (!result.ok) {
      if (result.error.code === 'conflict') logger.warn({ collection: name, key, op }, result.error.message);
      else logger.debug({ collection: name, key, op, code: result.error.code }, result.error.message);
      context.observer.failure?.(`${name} ${op}`, result.error.code);
    }
    return result;
  };

  return {
    async get(key) {
      if (isClosed()) return closedError;
      // A plain read first (no lease: a read is atomic); only an unreadable value is moved aside, under the key's
      // lock, so moving it cannot race an update of the same key in this process or another.
      const read = await queue.run(key, (hold) => call('get', hold, () => space.get(key)));
      if (!read.ok) return logFailure('get', key, read);
      const raw: unknown = read.value;
      const text = raw === undefined || raw === null ? undefined : typeof raw === 'string' ? raw : JSON.stringify(raw);
      const decoded = text === undefined ? undefined : decodeRecent(key, text);
      if (decoded === undefined) return ok({ value: undefined, quarantined: false });
      if (decoded.ok) return ok({ value: decoded.value, quarantined: false });
      const loaded = await locked(key, async (section, hold) => decodeText(key, section.text, hold));
      if (!loaded.ok) return logFailure('get', key, loaded);
      return ok({ value: loaded.value.value, quarantined: loaded.value.quarantined });
    },

    async update<R>(key: string, fn: (current: V | undefined, loaded: Loaded) => Change<V, R>) {
      if (isClosed()) return closedError;
      // Serialised per key in this process by the queue and, on a shared backend (Redis), across processes by the
      // key's lease; the save is fenced by the revision, so a holder whose lease ran out can never overwrite.
      const apply = async (section: Section, hold: Hold): Promise<StoreResult<R>> => {
        const loaded = await decodeText(key, section.text, hold);
        if (!loaded.ok) return loaded;
        const { value: current, quarantined, current: upToDate, rev } = loaded.value;
        // No catch: if fn throws, nothing is written and the caller's promise rejects.
        const change = fn(current, { quarantined });
        if (typeof (change as unknown as PromiseLike<unknown>)?.then === 'function') {
          throw new TypeError(`${name} update: the update function must return a change, not a promise`);
        }
        if (change.next === undefined) {
          if (current === undefined) return ok(change.result);
          const removed = await section.commit(undefined, rev);
          recent.forget(key);
          return removed.ok ? ok(change.result) : removed;
        }
        // The same object back means "no change"; an older version is still written, to store the upgrade.
        if (change.next === current && upToDate) return ok(change.result);
        const written = encodeRead(codec, change.next, `${name} update of "${key}"`, rev + 1);
        const text = written.text;
        const also = {
          ...(change.note === undefined ? {} : { note: { ...change.note, ttlMs: context.noteTtlMs } }),
          ...(change.handled === undefined ? {} : { handled: change.handled }),
        };
        const saved = await section.commit(text, rev, also);
        if (!saved.ok) return saved;
        recent.remember(key, { text, value: written.value, version: codec.version });
        return ok(change.result);
      };
      const outcome = await (parking.get(key)?.use(apply) ?? locked(key, apply));
      return logFailure('update', key, outcome);
    },

    claimEntering(key, claim) {
      if (isClosed()) return Promise.resolve(closedError);
      const queued = performance.now();
      return new Promise<StoreResult<Claim>>((resolve, reject) => {
        queue
          .run(key, async (hold) => {
            const waitedMs = performance.now() - queued;
            const token = context.token();
            const claimed = await claim(token);
            if (!claimed.ok) {
              // The script may have run and taken the lease before its answer was lost: free it if so.
              void backend.coordination?.release(name, key, token).catch(() => {});
              return resolve(claimed);
            }
            const { state, acquired } = claimed.value;
            // Only a lease taken by the claim's own script is kept: waiting for one held elsewhere is the update's.
            const granted = state === 'claimed' || state === 'taken-over';
            if (!granted || acquired?.held === false) return resolve(ok({ state }));
            const start = acquired === undefined ? undefined : { token, acquired };
            const entered = await enterSection(sectionContext, key, hold, start);
            if (!entered.ok) return resolve(ok({ state }));
            await parking.park(key, entered.value, hold, waitedMs, (held) => resolve(ok({ state, held })));
          })
          .catch(reject);
      });
    },

    async delete(key) {
      if (isClosed()) return closedError;
      const removed = await locked(key, async (section): Promise<StoreResult<boolean>> => {
        if (section.text === undefined) return ok(false);
        recent.forget(key);
        const done = await section.commit(undefined, revisionOf(section.text));
        return done.ok ? ok(true) : done;
      });
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
      const outcome = await locked(key, async (section, hold): Promise<StoreResult<string[]>> => {
        const removed: string[] = [];
        recent.forget(key);
        if (section.text !== undefined) {
          const value = await section.commit(undefined, revisionOf(section.text));
          if (!value.ok) return value;
          removed.push(`${name}:${key}`);
        }
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
