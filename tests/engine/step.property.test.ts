import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Session, SessionSchema, step } from '../../src/engine/index.js';
import { anyEvent, ctxFor } from './helpers.js';

describe('step over random event sequences', () => {
  it('never throws and always leaves a session that passes the schema', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), fc.integer(), (events, seed) => {
        let session: Session | undefined;
        events.forEach((event, i) => {
          const result = step(session, event, ctxFor(seed + i, 1_700_000_000_000 + i * 1000));
          expect(result.replies.length).toBeGreaterThan(0);
          session = result.session;
          if (session) expect(SessionSchema.safeParse(session).success).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same result for the same session, event and seed', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 15 }), fc.integer(), (events, seed) => {
        const run = () => {
          let session: Session | undefined;
          const out: unknown[] = [];
          events.forEach((event, i) => {
            const result = step(session, event, ctxFor(seed + i));
            session = result.session;
            out.push(result.replies);
          });
          return JSON.stringify([session, out]);
        };
        expect(run()).toBe(run());
      }),
      { numRuns: 50 },
    );
  });
});
