import type { Coordination } from './coordination.js';

/** The claim operations of `Coordination`. */
export type Claims = Pick<Coordination, 'claim' | 'finish' | 'unclaim' | 'note' | 'heartbeat' | 'stopped'>;

/** Claims kept in this process, plus the note write that a shared backend does inside its commit script. */
export type LocalClaims = Claims & { writeNote(eventId: string, text: string, ttlMs: number): void };

const HANDLED = 'handled';

/**
 * Event claims kept in this process's memory, for a backend one process owns (memory, SQLite): the same answers as
 * the Redis claims (every owner is alive, so nothing is taken over), expiring on the same clock (real time).
 */
export function createLocalClaims(clock: () => number = Date.now): LocalClaims {
  const claims = new Map<string, { holder: string; expires: number }>();
  const notes = new Map<string, { text: string; expires: number }>();
  let nextPrune = 0;
  const prune = (now: number): void => {
    if (now < nextPrune) return;
    for (const [id, claim] of claims) if (claim.expires <= now) claims.delete(id);
    for (const [id, note] of notes) if (note.expires <= now) notes.delete(id);
    nextPrune = now + 1000;
  };
  const noteOf = (eventId: string, now: number): string | undefined => {
    const note = notes.get(eventId);
    return note !== undefined && note.expires > now ? note.text : undefined;
  };
  return {
    async claim(eventId, owner, ttlMs) {
      const now = clock();
      prune(now);
      const existing = claims.get(eventId);
      if (existing !== undefined && existing.expires > now) {
        if (existing.holder === HANDLED) return 'handled';
        return noteOf(eventId, now) === undefined ? 'in-flight' : 'saved';
      }
      claims.set(eventId, { holder: owner, expires: now + ttlMs });
      return 'claimed';
    },
    async finish(eventId, ttlMs) {
      claims.set(eventId, { holder: HANDLED, expires: clock() + ttlMs });
      notes.delete(eventId);
    },
    async unclaim(eventId, owner) {
      if (claims.get(eventId)?.holder === owner) claims.delete(eventId);
    },
    async note(eventId) {
      return noteOf(eventId, clock());
    },
    writeNote(eventId, text, ttlMs) {
      notes.set(eventId, { text, expires: clock() + ttlMs });
    },
    heartbeat: async () => {},
    stopped: async () => {},
  };
}
