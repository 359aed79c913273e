import { describe, expect, it } from 'vitest';
import { type InterviewEvent, type Session, SessionSchema, step } from '../../src/engine/index.js';
import { answer, command, fixedCtx, probingSession, sessionIn, start } from './helpers.js';

type Expected = 'same' | Session['state']['phase'] | 'none';

const states: Record<string, () => Session | undefined> = {
  none: () => undefined,
  'intro (company)': () => sessionIn({ phase: 'intro', ask: 'company' }),
  'intro (role)': () => sessionIn({ phase: 'intro', ask: 'role' }),
  asking: () => sessionIn({ phase: 'asking', turn: { index: 1, retry: null } }),
  'asking (retry)': () => sessionIn({ phase: 'asking', turn: { index: 0, retry: { previousScore: 40, returnTo: 1 } } }),
  probing: probingSession,
  paused: () => sessionIn({ phase: 'paused', resume: { phase: 'asking', turn: { index: 1, retry: null } } }),
  finished: () => sessionIn({ phase: 'finished', endedEarly: false, at: 1_699_999_900_000 }),
};

const events: Record<string, InterviewEvent> = {
  start: start(),
  answer: answer('I like people.'),
  'empty answer': answer(' \n\t '),
  skip: command('skip'),
  repeat: command('repeat'),
  hint: command('hint'),
  pause: command('pause'),
  resume: command('resume'),
  end: command('end'),
  status: command('status'),
  example: command('example'),
  'retry 1': command('retry', 1),
};

// For each state, the phase each event leads to ('same': the very same session object comes back).
const table: Record<string, Record<string, Expected>> = {
  none: {
    start: 'intro',
    answer: 'none',
    'empty answer': 'none',
    skip: 'none',
    repeat: 'none',
    hint: 'none',
    pause: 'none',
    resume: 'none',
    end: 'none',
    status: 'none',
    example: 'none',
    'retry 1': 'none',
  },
  'intro (company)': {
    start: 'same',
    answer: 'intro',
    'empty answer': 'same',
    skip: 'intro',
    repeat: 'same',
    hint: 'same',
    pause: 'paused',
    resume: 'same',
    end: 'finished',
    status: 'same',
    example: 'same',
    'retry 1': 'same',
  },
  'intro (role)': {
    start: 'same',
    answer: 'asking',
    'empty answer': 'same',
    skip: 'asking',
    repeat: 'same',
    hint: 'same',
    pause: 'paused',
    resume: 'same',
    end: 'finished',
    status: 'same',
    example: 'same',
    'retry 1': 'same',
  },
  asking: {
    start: 'same',
    answer: 'probing',
    'empty answer': 'same',
    skip: 'asking',
    repeat: 'same',
    hint: 'same',
    pause: 'paused',
    resume: 'same',
    end: 'finished',
    status: 'same',
    example: 'same',
    'retry 1': 'asking',
  },
  'asking (retry)': {
    start: 'same',
    answer: 'probing',
    'empty answer': 'same',
    skip: 'asking',
    repeat: 'same',
    hint: 'same',
    pause: 'paused',
    resume: 'same',
    end: 'finished',
    status: 'same',
    example: 'same',
    'retry 1': 'same',
  },
  probing: {
    start: 'same',
    answer: 'asking',
    'empty answer': 'same',
    skip: 'asking',
    repeat: 'same',
    hint: 'same',
    pause: 'paused',
    resume: 'same',
    end: 'finished',
    status: 'same',
    example: 'same',
    'retry 1': 'same',
  },
  paused: {
    start: 'same',
    answer: 'same',
    'empty answer': 'same',
    skip: 'same',
    repeat: 'same',
    hint: 'same',
    pause: 'same',
    resume: 'asking',
    end: 'finished',
    status: 'same',
    example: 'same',
    'retry 1': 'same',
  },
  finished: {
    start: 'intro',
    answer: 'same',
    'empty answer': 'same',
    skip: 'same',
    repeat: 'same',
    hint: 'same',
    pause: 'same',
    resume: 'same',
    end: 'same',
    status: 'same',
    example: 'same',
    'retry 1': 'asking',
  },
};

for (const [stateName, make] of Object.entries(states)) {
  describe(`${stateName}: every event`, () => {
    for (const [eventName, event] of Object.entries(events)) {
      const expected = table[stateName]?.[eventName];
      it(`${eventName} leads to ${expected === 'same' ? 'the same session' : expected} with at least one reply`, () => {
        const before = make();
        const { session, replies } = step(before, event, fixedCtx);
        expect(replies.length).toBeGreaterThan(0);
        if (expected === 'same') expect(session).toBe(before);
        else if (expected === 'none') expect(session).toBeUndefined();
        else {
          expect(session).not.toBe(before);
          expect(session?.state.phase).toBe(expected);
        }
        if (session !== undefined) expect(SessionSchema.safeParse(session).success).toBe(true);
      });
    }
  });
}
