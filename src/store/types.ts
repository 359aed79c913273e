import type { z } from 'zod';

/** Why a store operation failed: the backend refused or broke (`unavailable`), or did not answer in time (`timeout`). */
export type StoreErrorCode = 'unavailable' | 'timeout';

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
};

/** What an update function returns: the value to save (`undefined` deletes the key) and what `update` resolves to. */
export type Change<V, R> = { readonly next: V | undefined; readonly result: R };

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
   * rejects. Returning the loaded value itself (same object) skips the write.
   */
  update<R>(key: string, fn: (current: V | undefined, loaded: Loaded) => Change<V, R>): Promise<StoreResult<R>>;
  /** Deletes `key`; resolves to whether a value was there. */
  delete(key: string): Promise<StoreResult<boolean>>;
  /** Every key in the collection (for sweeps); if the backend fails mid-way, iteration throws a `StoreFailure`. */
  keys(): AsyncIterable<string>;
}

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
  /** Whether the backend answers (for health checks). */
  ping(): Promise<boolean>;
  /** Lets running operations finish, then closes the backend; later calls resolve to `unavailable`. */
  close(): Promise<void>;
}
