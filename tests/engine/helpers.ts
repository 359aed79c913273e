import fc from 'fast-check';
import type { Command, InterviewEvent, Live, Session, StepContext } from '../../src/engine/index.js';
import { seededRandom } from '../../src/engine/index.js';
import { loadLibrary } from '../../src/runtime/library.js';

/** The shipped packs with their real evaluators, built once per test file. */
export const library = loadLibrary();

/** A fixed clock and seed. */
export function ctxFor(seed = 1, now = 1_700_000_000_000): StepContext {
  return { now, random: seededRandom(seed), library };
}
export const fixedCtx = ctxFor();

/** Three questions: a definition, a story, a scenario. */
export const questionIds = ['cs-meaning', 'difficult-customer', 'dont-know'] as const;

export const strongStory =
  'Last December at the Leeds store a customer came in upset because the coat she had ordered for her daughter ' +
  'had not arrived and the birthday was on Saturday. I listened to the whole story, apologised, and promised to ' +
  'find it. I called four other branches, found one in Bradford, and drove over after my shift to collect it. ' +
  'I phoned her that evening and she picked it up the next morning. She wrote to the manager and has shopped with ' +
  'us every month since.';

/** A session in a given state, with question 1 answered when the state is past it. */
export function sessionIn(state: Session['state'], overrides: Partial<Session> = {}): Session {
  const answered = state.phase !== 'intro' && !(state.phase === 'paused' && state.resume.phase === 'intro');
  return {
    id: 'abc12345',
    settings: { packId: 'customer-service', questions: 3, seed: 7 },
    questionIds: answered ? [...questionIds] : [],
    state,
    answers: answered
      ? [
          {
            index: 0,
            questionId: 'cs-meaning',
            attempt: 1,
            parts: ['Customer service means listening carefully and solving the problem.'],
            followUps: [],
            score: 40,
            skipped: false,
            covered: ['active-listening', 'problem-solving'],
            missed: ['empathy'],
            at: 1_699_999_000_000,
          },
        ]
      : [],
    createdAt: 1_699_999_000_000,
    updatedAt: 1_699_999_000_000,
    seenEventIds: [],
    archived: false,
    ...overrides,
  };
}

/** Question 2 in progress: an answer given and its second (last) follow-up pending. */
export function probingSession(): Session {
  const live: Live = {
    phase: 'probing',
    turn: { index: 1, retry: null },
    asked: ['expand', 'star-result'],
    followUp: { reason: 'star-result', text: 'What happened for the customer in the end?' },
  };
  const base = sessionIn(live);
  return {
    ...base,
    answers: [
      ...base.answers,
      {
        index: 1,
        questionId: 'difficult-customer',
        attempt: 1,
        parts: ['A man shouted at me about a refund.', 'I stayed calm and listened to him.'],
        followUps: [
          { reason: 'expand', text: 'Could you tell me more?' },
          { reason: 'star-result', text: 'What happened for the customer in the end?' },
        ],
        score: null,
        skipped: false,
        covered: [],
        missed: [],
        at: 1_699_999_500_000,
      },
    ],
  };
}

export const command = (name: Command['name'], question?: number): InterviewEvent => ({
  type: 'command',
  command: question === undefined ? { name } : { name, question },
});
export const answer = (text: string): InterviewEvent => ({ type: 'answer', text });
export const start = (options = {}): InterviewEvent => ({ type: 'start', options });

const commandNames = ['skip', 'repeat', 'hint', 'pause', 'resume', 'end', 'status', 'example', 'retry'] as const;

/** Any event a user could send, sensible or not. */
export const anyEvent: fc.Arbitrary<InterviewEvent> = fc.oneof(
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
