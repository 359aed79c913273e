import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type InterviewEvent, type Session, SessionSchema, step } from '../../src/engine/index.js';
import { ctxFor, strongStory } from './helpers.js';

const commandNames = ['skip', 'repeat', 'hint', 'pause', 'resume', 'end', 'status', 'example', 'retry'] as const;

const anyEvent: fc.Arbitrary<InterviewEvent> = fc.oneof(
  fc.record({
    type: fc.constant('start' as const),
    options: fc.record(
      {
        questions: fc.integer({ min: -2, max: 60 }),
        seed: fc.integer(),
        role: fc.constantFrom('retail', 'call-centre', 'support-desk', 'hospitality' as const),
        company: fc.string({ maxLength: 30 }),
        skipIntro: fc.boolean(),
        focus: fc.constant('weakest' as const),
        weakConcepts: fc.array(fc.constantFrom('empathy', 'honesty', 'nonsense'), { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
  }),
  fc.record({
    type: fc.constant('answer' as const),
    text: fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.constant(strongStory),
      fc.constant(''),
      fc.string({ unit: 'binary', maxLength: 80 }),
    ),
  }),
  fc.record({
    type: fc.constant('command' as const),
    command: fc.record(
      { name: fc.constantFrom(...commandNames), question: fc.integer({ min: -1, max: 12 }) },
      { requiredKeys: ['name'] },
    ),
  }),
);

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
