import type { Namespace } from './backend.js';
import type { ClaimState } from './types.js';

/**
 * What a backend shared by several processes offers so that a store can coordinate them: a lease lock per key that
 * reads the value in the same round trip, a fenced save that checks the revision and the lease and releases in the
 * same round trip, and claims on platform event ids. A backend used by one process (memory, SQLite) has none: the
 * store's per-key queue is enough there.
 */
export interface Coordination {
  /**
   * Takes the lease on `key` of `namespace` with `token` for `leaseMs` (SET NX PX) and, when taken, reads the value in
   * the same script. When the lease is held by someone else, resolves to how long it still has (ms; -1 unknown).
   */
  acquire(namespace: Namespace, key: string, token: string, leaseMs: number): Promise<Acquired>;
  /** Extends the lease if `token` still holds it; resolves to whether it did. */
  renew(namespace: Namespace, key: string, token: string, leaseMs: number): Promise<boolean>;
  /**
   * Writes `text` (or deletes the key when `text` is undefined) only if the stored revision is still `expectedRev` and
   * `token` still holds the lease, then releases the lease; all in one atomic script. With `note`, the note is
   * written in the same step (the replies of the turn being saved, kept until their delivery is confirmed).
   */
  commit(
    namespace: Namespace,
    key: string,
    token: string,
    expectedRev: number,
    text: string | undefined,
    note?: Note,
  ): Promise<Commit>;
  /** Releases the lease if `token` holds it (compare-and-delete); resolves to whether it did. */
  release(namespace: Namespace, key: string, token: string): Promise<boolean>;
  /**
   * Claims a platform event id for `owner` (SET NX PX `ttlMs`); see `ClaimState`. A claim whose owner's heartbeat
   * has lapsed (the process died) is taken over.
   */
  claim(eventId: string, owner: string, ttlMs: number): Promise<ClaimState>;
  /** Marks an event handled for `ttlMs` (later claims answer `handled`) and drops its note. */
  finish(eventId: string, ttlMs: number): Promise<void>;
  /** Gives a claim up (only `owner`'s), so a redelivery of the event is handled again. */
  unclaim(eventId: string, owner: string): Promise<void>;
  /** The note saved with an event's turn (its replies), while the event is not yet marked handled. */
  note(eventId: string): Promise<string | undefined>;
  /** Says `owner` is alive now; its claims are not taken over until it has been silent for a while. */
  heartbeat(owner: string): Promise<void>;
  /** Says `owner` has stopped (graceful shutdown): its claims may be taken over at once. */
  stopped(owner: string): Promise<void>;
}

/** Text kept beside an event's claim, written atomically with the session save that applied the event. */
export type Note = { readonly eventId: string; readonly text: string; readonly ttlMs: number };

/** The lease was taken (with the stored text, if any), or someone else holds it for `remainingMs` more. */
export type Acquired =
  | { readonly held: true; readonly text: string | undefined }
  | { readonly held: false; readonly remainingMs: number };

/** `ok` when written; `stale` when the stored revision moved on; `lost` when the lease is no longer this token's. */
export type Commit = 'ok' | 'stale' | 'lost';

/** The revision written in an envelope `{"v":…,"r":N,"data":…}`; 0 when it has none. Read the same way in Lua. */
export function revisionOf(text: string | undefined): number {
  if (text === undefined) return 0;
  const match = /^\{"v":\d+,"r":(\d+),/.exec(text);
  return match?.[1] === undefined ? 0 : Number(match[1]);
}
