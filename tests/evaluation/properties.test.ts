import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyse, prepare } from '../../src/evaluation/analyse.js';
import { EvaluationSchema } from '../../src/evaluation/index.js';
import { loadNlp } from '../../src/evaluation/nlp.js';
import { evaluator, question, testCorpus, testPack } from './helpers.js';

// The evaluator reads a failing analysis as an empty answer; the properties call the analysis itself so no bug hides.
const prepared = prepare(loadNlp(), testPack, testCorpus);

const ids = ['meaning', 'difficult', 'queue'] as const;
const oddities = [
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\uD800',
  '\uDFFF',
  '\uFEFF',
  '\u200B',
  '\u202E',
  '😀',
  '👩‍👩‍👧',
  'مرحبا بالعميل',
  'שלום',
  '\r\n',
  '\t',
  "don't",
  "I'd",
  'not',
  'never',
  'rather than',
  'customer',
  'listen',
  'Last May',
  'I called',
  '...',
  '"',
  '110%',
  '£45',
];

/** Text built from random strings of every kind and the words the analysers react to. */
const answers = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc
    .array(fc.oneof(fc.constantFrom(...oddities), fc.string({ maxLength: 12 })), { maxLength: 120 })
    .map((parts) => parts.join(' ')),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 300 }).map((codes) => String.fromCharCode(...codes)),
);

describe('evaluate: total and deterministic', () => {
  it('never throws and always returns an Evaluation that passes the schema', () => {
    fc.assert(
      fc.property(answers, fc.constantFrom(...ids), (answer, id) => {
        const evaluation = analyse(prepared, answer, question(id));
        const result = EvaluationSchema.safeParse(evaluation);
        expect(result.success, result.success ? '' : result.error.message).toBe(true);
        expect(evaluation.score).toBe(evaluation.breakdown.reduce((sum, part) => sum + part.points, 0));
      }),
      { numRuns: 300 },
    );
  });

  it('gives deep-equal results for the same input', () => {
    fc.assert(
      fc.property(
        answers,
        fc.constantFrom(...ids),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        (answer, id, company) => {
          const context = company === undefined ? {} : { company, companyValues: [answer.slice(0, 20)] };
          expect(evaluator.evaluate(answer, question(id), context)).toEqual(
            evaluator.evaluate(answer, question(id), context),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('handles answers up to 20,000 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 15_000, maxLength: 20_000 }), (answer) => {
        expect(EvaluationSchema.safeParse(analyse(prepared, answer, question('difficult'))).success).toBe(true);
      }),
      { numRuns: 5 },
    );
    const long = 'Last May a customer came in upset and I listened, apologised and called the branch. '.repeat(250);
    expect(EvaluationSchema.safeParse(analyse(prepared, long, question('difficult'))).success).toBe(true);
  });

  it('survives lone surrogates, control characters, emoji and right-to-left text', () => {
    for (const oddity of oddities) {
      const evaluation = evaluator.evaluate(
        `${oddity} I listened ${oddity}${oddity} to her. ${oddity}`,
        question('meaning'),
      );
      expect(EvaluationSchema.safeParse(evaluation).success).toBe(true);
      expect(JSON.parse(JSON.stringify(evaluation))).toEqual(evaluation);
    }
  });
});

describe('chooseFollowUp and feedback: total', () => {
  it('never throws and picks a reason from the fixed set or null', () => {
    fc.assert(
      fc.property(answers, fc.constantFrom(...ids), fc.integer(), (answer, id, seed) => {
        const evaluation = evaluator.evaluate(answer, question(id));
        let state = seed;
        const random = () => {
          state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
          return Math.abs(state) / 2_147_483_648;
        };
        const followUp = evaluator.chooseFollowUp(evaluation, question(id), { asked: [] }, random);
        if (followUp !== null) expect(followUp.text).not.toContain('{quote}');
        evaluator.answerFeedback(evaluation, question(id));
        evaluator.interviewFeedback([{ evaluation, question: question(id) }], 0);
      }),
      { numRuns: 150 },
    );
  });
});
