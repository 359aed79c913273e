import { seededRandom } from '../../src/engine/index.js';
import { createEvaluator, type Evaluation, type Evaluator } from '../../src/evaluation/index.js';
import {
  type Corpus,
  CorpusSchema,
  loadCorpus,
  loadPacks,
  type Pack,
  PackSchema,
  type Question,
} from '../../src/packs/index.js';

/** A small rubric of our own, so unit tests do not move when the shipped pack's content is edited. */
export const testPack: Pack = PackSchema.parse({
  id: 'test-pack',
  title: 'Test pack',
  description: 'A small pack for the evaluator unit tests.',
  concepts: [
    concept('active-listening', 'Active listening', [
      'listen',
      'let them finish',
      'without interrupting',
      'ask * what',
    ]),
    concept('positive-attitude', 'Positive attitude', ['friendly', 'smile', 'positive attitude', 'warm welcome']),
    concept('patience', 'Patience', ['patience', 'stay calm', 'take my time', 'not rush']),
    concept('efficiency', 'Efficiency', ['quickly', 'speed', 'on time', 'right away']),
    concept('empathy', 'Empathy', ['empathy', 'apologise', 'in their shoes', 'how they feel']),
    concept('problem-solving', 'Problem solving', ['solve', 'fix', 'other branches', 'find a way']),
    concept('follow-through', 'Follow-through', ['follow up', 'call * back', 'keep my promise', 'check back']),
    concept('honesty', 'Honesty', ['honesty', 'honest with', "tell * i don't know", '~make something up', 'upfront']),
  ],
  questions: [
    {
      id: 'meaning',
      kind: 'definition',
      text: 'What does customer service mean to you?',
      roles: ['retail'],
      difficulty: 'easy',
      concepts: ['active-listening', 'problem-solving', 'positive-attitude'],
      exampleExpected: true,
      modelAnswer: 'Listening first, then solving the problem, with a smile.',
    },
    {
      id: 'difficult',
      kind: 'behavioral',
      text: 'Tell me about a time you dealt with a difficult customer.',
      roles: ['retail'],
      difficulty: 'medium',
      concepts: ['patience', 'empathy', 'active-listening'],
      exampleExpected: true,
      modelAnswer: 'Last May a customer shouted at me; I stayed calm, listened and fixed it, and she thanked me.',
    },
    {
      id: 'queue',
      kind: 'situational',
      text: 'A queue is building while you help one customer. What do you do?',
      roles: ['retail'],
      difficulty: 'medium',
      concepts: ['efficiency', 'problem-solving'],
      exampleExpected: false,
      targetWords: [40, 120],
      modelAnswer: 'I would acknowledge the queue, call a colleague and keep helping quickly.',
    },
  ],
  probes: {
    expand: ['Could you say a bit more?', 'You said "{quote}". Can you unpack that?'],
    example: [
      'Can you give me a real example?',
      'Is there a real customer you can think of?',
      'You said "{quote}". When did you last do that?',
      'Going back to "{quote}": can you give me an example?',
    ],
    'star-situation': ['Set the scene for me.', 'You mentioned "{quote}". What was the situation?'],
    'star-task': ['What was your responsibility?', 'You said "{quote}". What were you trying to achieve?'],
    'star-action': ['What did you do?', 'Going back to "{quote}": what did you do next?'],
    'star-result': ['How did it end?', 'You said "{quote}". What was the outcome?'],
    personal: ['That sounds like a textbook answer.', 'You said "{quote}". In your own words?'],
    'off-topic': ["Let's come back to the question.", 'You mentioned "{quote}". How does that connect?'],
  },
});

function concept(id: string, label: string, cues: string[]) {
  return {
    id,
    label,
    description: `${label}, as interviewers hear it.`,
    cues,
    followUps: [
      `How do you show ${label.toLowerCase()}?`,
      `You said "{quote}". Where does ${label.toLowerCase()} come in?`,
    ],
    tip: `Show ${label.toLowerCase()} with one real moment.`,
  };
}

/** Two published-style answers to recognise. */
export const testCorpus: Corpus = CorpusSchema.parse({
  answers: [
    {
      id: 'canned-one',
      source: 'published',
      text:
        'There are many components to customer service, and you need all of them to truly satisfy customers. ' +
        'Customer service involves being a kind, courteous, and professional face for the company. It also involves ' +
        'listening carefully to customer wants and concerns. Finally, customer service is about clearly explaining ' +
        'solutions to clients, which leads to happy and loyal customers.',
    },
    {
      id: 'canned-two',
      source: 'textbook',
      text:
        'Patience gets you incredibly far. I would say it is the most important quality you can have in customer ' +
        'service. Listening is important, absolutely, but without patience even the best listening skills will not ' +
        'get you far. Many situations resolve simply because someone manages to be the calm centre of the storm.',
    },
  ],
});

/** The evaluator over the test pack, built once per test file. */
export const evaluator: Evaluator = createEvaluator(testPack, testCorpus);

/** A question of the test pack by id. */
export function question(id: 'meaning' | 'difficult' | 'queue'): Question {
  const found = testPack.questions.find((q) => q.id === id);
  if (found === undefined) throw new Error(`no test question ${id}`);
  return found;
}

/** Evaluates an answer to a test question. */
export function evaluate(
  answer: string,
  id: 'meaning' | 'difficult' | 'queue' = 'meaning',
  company?: string,
): Evaluation {
  return evaluator.evaluate(answer, question(id), company === undefined ? {} : { company });
}

/** Whether a concept is covered in an evaluation. */
let shipped: { readonly pack: Pack; readonly evaluator: Evaluator } | undefined;

/**
 * Evaluates an answer to a question of the shipped pack, for tests of what its own cues match (built on first use:
 * the shipped corpus takes a moment to fingerprint).
 */
export function evaluateShipped(answer: string, questionId: string): Evaluation {
  if (shipped === undefined) {
    const pack = loadPacks().find((p) => p.id === 'customer-service');
    if (pack === undefined) throw new Error('the customer-service pack is missing');
    shipped = { pack, evaluator: createEvaluator(pack, loadCorpus()) };
  }
  const asked = shipped.pack.questions.find((q) => q.id === questionId);
  if (asked === undefined) throw new Error(`no question ${questionId} in the shipped pack`);
  return shipped.evaluator.evaluate(answer, asked, undefined);
}

export function covers(evaluation: Evaluation, conceptId: string): boolean {
  return evaluation.concepts.find((c) => c.id === conceptId)?.covered ?? false;
}

/** A seeded random source in [0, 1), so phrasing tests replay. */
export const seeded = seededRandom;

/** A complete STAR story for the behavioral test question. */
export const strongStory =
  'Last May at the Leeds branch a customer came in shouting because her order had not arrived. My job was to get ' +
  'her the coat before her trip on Friday. I let her finish without interrupting, apologised, and called four ' +
  'other branches until I found one in Bradford. I drove over after my shift and delivered it myself. She thanked ' +
  'me the next day and has shopped with us every month since.';
