import type { Namespace } from './backend.js';
import type { ClaimState, NoteRecord, RateCheck } from './types.js';

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
   * `token` still holds the lease, then releases the lease; all in one atomic script. With `also.note`, the note is
   * written in the same step (the replies of the turn being saved, kept until their delivery is confirmed); with
   * `also.handled`, that event is marked handled (as `finish` does).
   */
  commit(
    namespace: Namespace,
    key: string,
    token: string,
    expectedRev: number,
    text: string | undefined,
    also?: CommitAlso,
  ): Promise<Commit>;
  /** Releases the lease if `token` holds it (compare-and-delete); resolves to whether it did. */
  release(namespace: Namespace, key: string, token: string): Promise<boolean>;
  /**
   * Claims a platform event id for `owner` (SET NX PX `ttlMs`); see `ClaimState`. A claim whose owner's heartbeat
   * has lapsed (the process died) is taken over. With `rate`, a fresh claim counts against it (`limited` when over).
   */
  claim(eventId: string, owner: string, ttlMs: number, rate?: RateCheck): Promise<ClaimState>;
  /** `claim`, and when it is granted (`claimed`, `taken-over`), the first attempt at a lease, in the same script. */
  claimEntering(
    eventId: string,
    owner: string,
    ttlMs: number,
    rate: RateCheck | undefined,
    lease: LeaseAttempt,
  ): Promise<{ readonly state: ClaimState; readonly acquired?: Acquired }>;
  /**
   * Counts event `eventId` against `rate` without claiming it, once per event id: a redelivery of a counted event is
   * within the limit and counts nothing; resolves to whether the event is within the limit.
   */
  count(eventId: string, rate: RateCheck): Promise<boolean>;
  /** Marks an event handled for `ttlMs` (later claims answer `handled`) and drops its note. */
  finish(eventId: string, ttlMs: number): Promise<void>;
  /** Gives a claim up (only `owner`'s), so a redelivery of the event is handled again. */
  unclaim(eventId: string, owner: string): Promise<void>;
  /** The note saved with an event's turn (its replies) and its progress, while the event is not yet handled. */
  note(eventId: string): Promise<NoteRecord | undefined>;
  /** Raises the progress recorded on an event's note to `posted` (never lowers it; nothing once it is handled). */
  progress(eventId: string, posted: number): Promise<void>;
  /** Says `owner` is alive now; its claims are not taken over until it has been silent for a while. */
  heartbeat(owner: string): Promise<void>;
  /** Says `owner` has stopped (graceful shutdown): its claims may be taken over at once. */
  stopped(owner: string): Promise<void>;
}

/** Text kept beside an event's claim, written atomically with the session save that applied the event. */
export type Note = { readonly eventId: string; readonly text: string; readonly ttlMs: number };

/** An event marked handled with a save (the one before it in the session, whose replies the user has seen). */
export type Handled = { readonly eventId: string; readonly ttlMs: number };

/** What a commit writes besides the value, in the same atomic step. */
export type CommitAlso = { readonly note?: Note; readonly handled?: Handled };

/** One attempt at the lease of `key` of `namespace` with `token` for `leaseMs` (as `acquire` makes). */
export type LeaseAttempt = {
  readonly namespace: Namespace;
  readonly key: string;
  readonly token: string;
  readonly leaseMs: number;
};

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
