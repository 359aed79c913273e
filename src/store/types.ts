import type { z } from 'zod';

/**
 * Why a store operation failed: the backend refused or broke (`unavailable`), did not answer in time (`timeout`), or
 * refused a save because another process moved the value on or took over the key's lease (`conflict`: nothing was
 * written; loading again and retrying is safe).
 */
export type StoreErrorCode = 'unavailable' | 'timeout' | 'conflict';

/** A failed store operation; `message` names the operation and the backend's reason, never a stored value. */
export type StoreError = { readonly code: StoreErrorCode; readonly message: string };

/** What every store operation resolves to: a store that is down is a value, never a throw and never "nothing stored". */
export type StoreResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: StoreError };

/** A value's schema, its current version and the migrations that bring older versions up (n -> n+1). */
export type Codec<V> = {
  readonly version: number;
  readonly schema: z.ZodType<V>;
  readonly migrations?: Readonly<Record<number, (old: unknown) => unknown>>;
  /**
   * Checks and serialises a value in place of `schema` and `JSON.stringify`, for a value whose parts a writer can
   * keep from one write to the next: it must give what they give (any order of keys), or what the schema refuses.
   */
  readonly write?: (value: V) => Written<V>;
};

/** A value checked and serialised by a codec's `write`, or the problems its schema found. */
export type Written<V> =
  | { readonly ok: true; readonly json: string; readonly value: V }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** One problem a schema found: where in the value, and what. */
export type Issue = { readonly path: readonly PropertyKey[]; readonly message: string };

/**
 * What an update function returns: the value to save (`undefined` deletes the key) and what `update` resolves to.
 * `note` is kept beside the claim of event `eventId` (see `Store.note`), and event `handled.eventId` is marked
 * handled for `ttlMs` (see `Store.finish`); both are written atomically with `next`, and only if `next` is written.
 */
export type Change<V, R> = {
  readonly next: V | undefined;
  readonly result: R;
  readonly note?: { readonly eventId: string; readonly text: string };
  readonly handled?: { readonly eventId: string; readonly ttlMs: number };
};

/** How a value was loaded: `quarantined` is true when the stored value failed to read and was moved aside. */
export type Loaded = { readonly quarantined: boolean };

/** The names of the two collections. */
export type CollectionName = 'sessions' | 'profiles';

/** One value moved aside because it could not be read, with when and why. */
export type QuarantineEntry = {
  /** Epoch ms when it was moved. */
  readonly at: number;
  readonly reason: string;
  /** The stored text exactly as it was found. */
  readonly raw: string;
};

/** One collection of values of type `V`, keyed by string. */
export interface Collection<V> {
  /** Loads `key` (validated; an unreadable value is quarantined and reads as undefined with quarantined true). */
  get(key: string): Promise<StoreResult<{ readonly value: V | undefined } & Loaded>>;
  /**
   * Loads `key`, applies `fn`, saves what it returns; calls for one key never overlap, other keys run in parallel.
   * If `fn` throws, or returns a value that does not survive JSON and the schema, nothing is written and the promise
   * rejects. Returning the loaded value itself (same object) skips the write. When a claim entered `key` (`Held`), the
   * update runs in that section instead of entering one.
   */
  update<R>(key: string, fn: (current: V | undefined, loaded: Loaded) => Change<V, R>): Promise<StoreResult<R>>;
  /** Deletes `key`; resolves to whether a value was there. */
  delete(key: string): Promise<StoreResult<boolean>>;
  /** Every key in the collection (for sweeps); if the backend fails mid-way, iteration throws a `StoreFailure`. */
  keys(): AsyncIterable<string>;
}

/**
 * What a claim on a platform event id found:
 * - `claimed`: this caller handles it;
 * - `limited`: this caller holds it, but its sender is over the rate limit (`ClaimOptions.rate`): say so, and mark
 *   it handled;
 * - `taken-over`: its claimer died (its heartbeat lapsed), so this caller handles it, and if the event was applied
 *   already, posts the replies noted with it that were not yet posted;
 * - `in-flight`: a live claimer is still working on it (the caller may wait and claim again);
 * - `saved`: a live claimer applied it and is delivering the replies: drop it;
 * - `handled`: done: drop it.
 */
export type ClaimState = 'claimed' | 'limited' | 'taken-over' | 'in-flight' | 'saved' | 'handled';

/**
 * A sliding-window rate limit counted with a claim: at most `limit` claimed events per `key` in any `windowMs`
 * ending at `now` (epoch ms). A claim that is not `claimed` (a duplicate, a takeover) counts nothing.
 */
export type RateCheck = {
  readonly key: string;
  readonly limit: number;
  readonly windowMs: number;
  readonly now: number;
};

/** What a claim does besides claiming, in the same round trip. */
export type ClaimOptions = {
  /** Counts the event against its sender's limit: in Redis for every process on it, in memory otherwise. */
  readonly rate?: RateCheck;
  /**
   * A `sessions` key whose section a granted claim enters at once (on Redis the lease is taken and the value read
   * by the claim's own script), held for the next `sessions.update` of that key in this process.
   */
  readonly enter?: string;
};

/** A claim's answer; `held` when it was asked to enter a section and was granted. */
export type Claim = { readonly state: ClaimState; readonly held?: Held };

/**
 * A key's section entered together with a claim, waiting for the next update of the key in this process: nothing
 * else of this process runs on the key until then, and on Redis its lease is renewed meanwhile. An unused one is
 * released after the lock wait at the latest.
 */
export interface Held {
  readonly key: string;
  /** Leaves the section unused; a no-op once used or released. */
  release(): void;
}

/** The replies noted with an event's save, and how many units of them (the adapter's messages) were posted. */
export type NoteRecord = { readonly text: string; readonly posted: number };

/** Measures a store reports as they happen (for metrics); each is optional and must not throw. */
export type StoreObserver = {
  /** Time an update or delete of `key` waited for it (this process's queue, then the lease across processes). */
  readonly lockWait?: (collection: CollectionName, ms: number, key: string) => void;
  /** An operation that failed, by code. */
  readonly failure?: (op: string, code: StoreErrorCode) => void;
};

/** Sessions and profiles over one backend. */
export interface Store<S, P> {
  readonly sessions: Collection<S>;
  readonly profiles: Collection<P>;
  /**
   * Removes every stored value whose key belongs to the user (session `solo:<platform>:<userId>`, profile
   * `<platform>:<userId>`, and their quarantined values); resolves to the keys removed, as `<namespace>:<key>`.
   */
  forget(platform: string, userId: string): Promise<StoreResult<readonly string[]>>;
  /** The values moved aside from `key` of a collection, oldest first (for operators). */
  quarantined(collection: CollectionName, key: string): Promise<StoreResult<readonly QuarantineEntry[]>>;
  /**
   * Claims a platform event id for `ttlMs` across every process on this backend (SET NX PX on Redis, this process's
   * memory otherwise), with `options` in the same step. After `claimed`, `limited` or `taken-over`, call `finish`
   * once the event is handled or `unclaim` if it was not; a `held` section must be used or released.
   */
  claim(eventId: string, ttlMs: number, options?: ClaimOptions): Promise<StoreResult<Claim>>;
  /**
   * Counts an event against its sender's limit without claiming it (for events deduplicated otherwise, like a panel's),
   * across every process on this backend (in Redis; this process's memory otherwise). A redelivery of a counted event
   * is within the limit and counts nothing; resolves to whether the event is within the limit.
   */
  allow(eventId: string, rate: RateCheck): Promise<StoreResult<boolean>>;
  /** Marks an event handled, so claims of it answer `handled` for `ttlMs`; drops its note. */
  finish(eventId: string, ttlMs: number): Promise<StoreResult<void>>;
  /** The note saved with an event (by an update's `note`) and its delivery progress, until the event is handled. */
  note(eventId: string): Promise<StoreResult<NoteRecord | undefined>>;
  /**
   * Records that the first `posted` units of an event's noted replies have been posted, so a process that takes the
   * event over posts only the rest. Progress only grows; once the event is handled nothing is recorded.
   */
  progress(eventId: string, posted: number): Promise<StoreResult<void>>;
  /** Gives up this store's claim on an event it could not handle, so a redelivery is handled again. */
  unclaim(eventId: string): Promise<StoreResult<void>>;
  /** Whether the backend answers (for health checks). */
  ping(): Promise<boolean>;
  /** Lets running operations finish, then closes the backend; later calls resolve to `unavailable`. */
  close(): Promise<void>;
}
