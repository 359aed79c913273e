import type { Coordination } from './coordination.js';
import { createRateLimiter, type RateLimiter } from './rate-limit.js';
import type { ClaimState, RateCheck } from './types.js';

/** The claim operations of `Coordination` (a claim that enters a section is the store's, over these). */
export type Claims = Pick<
  Coordination,
  'claim' | 'count' | 'finish' | 'unclaim' | 'note' | 'progress' | 'heartbeat' | 'stopped'
>;

/** Claims kept in this process, plus the note write that a shared backend does inside its commit script. */
export type LocalClaims = Claims & { writeNote(eventId: string, text: string, ttlMs: number): void };

const HANDLED = 'handled';

/**
 * Event claims kept in this process's memory, for a backend one process owns (memory, SQLite): the same answers as
 * the Redis claims (every owner is alive, so nothing is taken over), expiring on the same clock (real time), with
 * the rate limit counted in this process.
 */
export function createLocalClaims(clock: () => number = Date.now): LocalClaims {
  const claims = new Map<string, { holder: string; expires: number }>();
  const notes = new Map<string, { text: string; posted: number; expires: number }>();
  const limiters = new Map<string, RateLimiter>();
  /** The events `count` counted, by id, until each leaves its window. */
  const counted = new Map<string, number>();
  let nextPrune = 0;
  const prune = (now: number): void => {
    if (now < nextPrune) return;
    for (const [id, claim] of claims) if (claim.expires <= now) claims.delete(id);
    for (const [id, note] of notes) if (note.expires <= now) notes.delete(id);
    for (const [id, expires] of counted) if (expires <= now) counted.delete(id);
    nextPrune = now + 1000;
  };
  const noteOf = (eventId: string, now: number) => {
    const note = notes.get(eventId);
    return note !== undefined && note.expires > now ? note : undefined;
  };
  /** Whether `rate` lets one more event in (and counts it): one limiter per limit and window. */
  const allow = (rate: RateCheck): boolean => {
    const shape = `${rate.limit}/${rate.windowMs}`;
    let limiter = limiters.get(shape);
    if (limiter === undefined) {
      limiter = createRateLimiter(rate.limit, rate.windowMs);
      limiters.set(shape, limiter);
    }
    return limiter.allow(rate.key, rate.now);
  };
  return {
    async claim(eventId, owner, ttlMs, rate): Promise<ClaimState> {
      const now = clock();
      prune(now);
      const existing = claims.get(eventId);
      if (existing !== undefined && existing.expires > now) {
        if (existing.holder === HANDLED) return 'handled';
        return noteOf(eventId, now) === undefined ? 'in-flight' : 'saved';
      }
      claims.set(eventId, { holder: owner, expires: now + ttlMs });
      return rate === undefined || allow(rate) ? 'claimed' : 'limited';
    },
    async count(eventId, rate) {
      const now = clock();
      prune(now);
      // As in Redis: an event counted before is within the limit; one refused is asked about again.
      if ((counted.get(eventId) ?? 0) > now) return true;
      const allowed = allow(rate);
      if (allowed) counted.set(eventId, now + rate.windowMs);
      return allowed;
    },
    async finish(eventId, ttlMs) {
      claims.set(eventId, { holder: HANDLED, expires: clock() + ttlMs });
      notes.delete(eventId);
    },
    async unclaim(eventId, owner) {
      if (claims.get(eventId)?.holder === owner) claims.delete(eventId);
    },
    async note(eventId) {
      const note = noteOf(eventId, clock());
      return note === undefined ? undefined : { text: note.text, posted: note.posted };
    },
    async progress(eventId, posted) {
      const note = noteOf(eventId, clock());
      if (note !== undefined && posted > note.posted) note.posted = posted;
    },
    writeNote(eventId, text, ttlMs) {
      notes.set(eventId, { text, posted: 0, expires: clock() + ttlMs });
    },
    heartbeat: async () => {},
    stopped: async () => {},
  };
}
