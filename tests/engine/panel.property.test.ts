import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Criteria,
  type PanelActor,
  type PanelEvent,
  type PanelSession,
  PanelSessionSchema,
  stepPanel,
} from '../../src/engine/index.js';
import { ctxFor } from './helpers.js';
import { story } from './panel.helpers.js';

const people: readonly PanelActor[] = [
  { userId: 'u1', name: 'Ada', canManage: false },
  { userId: 'u2', name: 'Bo', canManage: false },
  { userId: 'u3', name: 'Cy', canManage: false },
  { userId: 'u4', name: 'Di', canManage: true },
];
const person = fc.constantFrom(...people);

const anyEvent: fc.Arbitrary<PanelEvent> = fc.oneof(
  {
    arbitrary: person.map((by) => ({ type: 'open', by, options: { questionsPerPerson: 1, seed: 3 } }) as const),
    weight: 1,
  },
  { arbitrary: person.map((by) => ({ type: 'join', by }) as const), weight: 4 },
  { arbitrary: person.map((by) => ({ type: 'leave', by }) as const), weight: 1 },
  { arbitrary: person.map((by) => ({ type: 'begin', by }) as const), weight: 1 },
  {
    arbitrary: fc
      .tuple(person, fc.oneof(fc.constant(story), fc.string({ maxLength: 60 })))
      .map(([by, text]) => ({ type: 'answer', by, text }) as const),
    weight: 5,
  },
  {
    arbitrary: fc
      .tuple(person, fc.integer({ min: 0, max: 6 }), fc.constantFrom(...Criteria), fc.constantFrom(1, 2, 3, 4 as const))
      .map(([by, turn, criterion, level]) => ({ type: 'rate', by, turn, criterion, level }) as const),
    weight: 6,
  },
  {
    arbitrary: fc
      .tuple(person, fc.integer({ min: 0, max: 6 }), fc.string({ maxLength: 40 }))
      .map(([by, turn, text]) => ({ type: 'comment', by, turn, text }) as const),
    weight: 1,
  },
  { arbitrary: person.map((by) => ({ type: 'skip', by }) as const), weight: 1 },
  {
    arbitrary: fc.tuple(person, person).map(([by, who]) => ({ type: 'remove', by, userId: who.userId }) as const),
    weight: 1,
  },
  { arbitrary: person.map((by) => ({ type: 'end', by }) as const), weight: 1 },
  { arbitrary: person.map((by) => ({ type: 'status', by }) as const), weight: 1 },
  { arbitrary: fc.constant({ type: 'tick' } as const), weight: 3 },
);

const ratingCount = (session: PanelSession | undefined) =>
  (session?.turns ?? []).reduce(
    (sum, turn) => sum + turn.ratings.reduce((n, r) => n + Object.keys(r.scores).length, 0),
    0,
  );

const phases = new Set<string>();

describe('stepPanel over random event sequences', () => {
  it('never throws, never gives a turn to someone absent, never loses a rating', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 60 }), fc.integer({ min: 0, max: 400_000 }), (randomEvents, step) => {
        let session: PanelSession | undefined;
        let now = 1_700_000_000_000;
        // Every run opens a panel and gathers two people first, so the random events reach turns and ratings.
        const [ada, bo] = people as [PanelActor, PanelActor];
        const opening: PanelEvent[] = [
          { type: 'open', by: ada, options: { questionsPerPerson: 2, seed: 3 } },
          { type: 'join', by: bo },
          { type: 'begin', by: ada },
        ];
        for (const [i, event] of [...opening, ...randomEvents].entries()) {
          now += step;
          const before = session;
          const result = stepPanel(session, event, ctxFor(i, now));
          session = result.session;
          if (session === undefined) continue;
          expect(PanelSessionSchema.safeParse(session).success).toBe(true);
          if (session.state.phase === 'answering') {
            const candidate = session.turns.at(-1)?.candidateId;
            expect(session.participants.map((p) => p.userId)).toContain(candidate);
          }
          phases.add(session.state.phase);
          // A new panel replaces a closed one; within one panel, ratings only grow.
          if (before !== undefined && before.id === session.id)
            expect(ratingCount(session)).toBeGreaterThanOrEqual(ratingCount(before));
        }
      }),
      { numRuns: 200 },
    );
    // The runs must have reached every phase, or the property proved little.
    expect([...phases].sort()).toEqual(['answering', 'closed', 'lobby', 'rating']);
  });
});
