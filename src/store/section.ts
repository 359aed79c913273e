import { setTimeout as sleep } from 'node:timers/promises';
import { fail, type Hold, ok } from './attempt.js';
import type { Backend, Namespace } from './backend.js';
import type { Acquired, CommitAlso, Handled, Note } from './coordination.js';
import type { StoreResult } from './types.js';

/**
 * One key held for one operation: the text stored when it was entered, and the two ways out. Held means this
 * process's queue runs nothing else on the key and, on a shared backend, this section owns the key's lease.
 */
export type Section = {
  /** The stored text when the section was entered (undefined: nothing stored). */
  readonly text: string | undefined;
  /** Time spent waiting for another process's lease (0 when it was free or the backend is not shared). */
  readonly waitedMs: number;
  /**
   * Writes `text` (undefined deletes) and leaves. On a shared backend the write happens only while the stored
   * revision is still `expectedRev` and the lease is still this section's; otherwise nothing is written (`conflict`).
   */
  commit(text: string | undefined, expectedRev: number, also?: CommitAlso): Promise<StoreResult<void>>;
  /** Leaves without writing; a no-op once left. Never rejects. */
  release(): Promise<void>;
};

/** What entering a section needs from its collection. */
export type SectionContext = {
  readonly name: Namespace;
  readonly backend: Backend;
  /** One backend call with the operation deadline (see the collection's `call`). */
  readonly call: <T>(op: string, hold: Hold, run: () => Promise<T>) => Promise<StoreResult<T>>;
  /** How long a lease lasts unless renewed (renewed every third of it while the section is open). */
  readonly leaseMs: number;
  /** The longest wait for a lease held elsewhere before the operation answers `timeout`. */
  readonly lockWaitMs: number;
  /** A token no other section, in this process or another, uses. */
  readonly token: () => string;
  /** Where a backend one process owns keeps notes (a shared backend writes them in its commit script). */
  readonly writeNote: (note: Note) => void;
  /** Where a backend one process owns marks events handled (a shared backend does it in its commit script). */
  readonly markHandled: (handled: Handled) => void;
};

/** The first attempt at a key's lease, already made with `token` by a script of the caller's (a claim that enters). */
export type Start = { readonly token: string; readonly acquired: Acquired };

/**
 * Enters the section of `key`: a plain read on a backend one process owns; lease and read in one step otherwise,
 * the first attempt being `start` when the caller made it.
 */
export function enterSection(
  context: SectionContext,
  key: string,
  hold: Hold,
  start?: Start,
): Promise<StoreResult<Section>> {
  return context.backend.coordination === undefined
    ? enterLocal(context, key, hold)
    : enterShared(context, key, hold, start);
}

async function enterLocal(context: SectionContext, key: string, hold: Hold): Promise<StoreResult<Section>> {
  const { name, backend, call } = context;
  const space = backend.spaces[name];
  const read = await call('get', hold, () => space.get(key));
  if (!read.ok) return read;
  const raw: unknown = read.value;
  const text = raw === undefined || raw === null ? undefined : typeof raw === 'string' ? raw : JSON.stringify(raw);
  return ok({
    text,
    waitedMs: 0,
    async commit(next, _expectedRev, also = {}) {
      if (next === undefined) {
        const removed = await call('delete', hold, () => space.delete(key));
        if (!removed.ok) return removed;
      } else {
        const written = await call('set', hold, () => space.set(key, next));
        if (!written.ok) return written;
        if (!written.value) return fail('unavailable', `${name} set: the backend did not store the value`);
      }
      if (also.note !== undefined) context.writeNote(also.note);
      if (also.handled !== undefined) context.markHandled(also.handled);
      return ok(undefined);
    },
    release: async () => {},
  });
}

async function enterShared(
  context: SectionContext,
  key: string,
  hold: Hold,
  start: Start | undefined,
): Promise<StoreResult<Section>> {
  const { name, call, leaseMs, lockWaitMs } = context;
  const coordination = context.backend.coordination;
  if (coordination === undefined) throw new Error('enterShared needs a backend with coordination');
  const token = start?.token ?? context.token();
  const started = performance.now();
  let waitedMs = 0;
  let text: string | undefined;
  let first = start?.acquired;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    const tried = performance.now();
    const taken =
      first === undefined ? await call('lock', hold, () => coordination.acquire(name, key, token, leaseMs)) : ok(first);
    first = undefined;
    if (!taken.ok) return taken;
    if (taken.value.held) {
      waitedMs = tried - started;
      text = taken.value.text;
      break;
    }
    const elapsed = performance.now() - started;
    if (elapsed > lockWaitMs) {
      return fail('timeout', `${name} lock: "${key}" stayed locked by another process for ${Math.round(elapsed)} ms`);
    }
    // Poll: waits are rare (the per-key queue already serialises this process), so a short backoff that never
    // sleeps past the holder's remaining lease keeps both latency and load low.
    const remaining = taken.value.remainingMs > 0 ? taken.value.remainingMs : pause;
    await sleep(Math.min(pause, remaining) + Math.random() * 2);
  }

  let open = true;
  // A slow section keeps its lease: renewal only extends a lease this token still holds.
  const renewal = setInterval(
    () => void coordination.renew(name, key, token, leaseMs).catch(() => {}),
    Math.max(1, Math.floor(leaseMs / 3)),
  );
  renewal.unref();
  const leave = (): void => {
    open = false;
    clearInterval(renewal);
  };

  return ok({
    text,
    waitedMs,
    async commit(next, expectedRev, also) {
      if (!open) return fail('conflict', `${name} save of "${key}": the section was already left`);
      // Renewal goes on until the save has answered: a slow save must not lose the lease it is saving under.
      const outcome = await call('save', hold, () => coordination.commit(name, key, token, expectedRev, next, also));
      leave();
      if (!outcome.ok) {
        // The lease may still be ours (the call failed, not the script): free it for the next turn if we can.
        void coordination.release(name, key, token).catch(() => {});
        return outcome;
      }
      if (outcome.value === 'ok') return ok(undefined);
      return fail(
        'conflict',
        outcome.value === 'stale'
          ? `${name} save of "${key}": revision ${expectedRev} was replaced by another process; nothing written`
          : `${name} save of "${key}": the lease expired and another process may hold it; nothing written`,
      );
    },
    async release() {
      if (!open) return;
      leave();
      await call('unlock', hold, () => coordination.release(name, key, token));
    },
  });
}
