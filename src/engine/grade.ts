import type { Delivery, Evaluation, StarAnalysis, StarPart } from '../evaluation/types.js';
import type { Pack, Question } from '../packs/schema.js';

/**
 * Words of the answer, listed flat: each quote is two numbers, its start and length in the answer's text, or, when
 * not found there, a string of the words themselves.
 */
export type Quotes = readonly (number | string)[];

/** One criterion of the score, as the evaluator gave it. */
export type GradePart = readonly [criterion: string, label: string, points: number, max: number, reason: string];

/**
 * What feedback reads from an evaluation of an answer, less the pack's text (concept ids stand for labels and tips)
 * and with the answer's words kept as places in its text. With the pack, the record's text and its covered concepts
 * it gives the same feedback as the evaluation, without evaluating the answer again.
 */
export type Grade = {
  /** The score is the sum of the points. */
  readonly breakdown: readonly GradePart[];
  /** The evidence of each covered concept, in the order of the record's `covered`. */
  readonly evidence: readonly Quotes[];
  /** Cues denied or contrasted away, by id of a concept left uncovered; absent when there are none. */
  readonly negated?: Readonly<Record<string, Quotes>>;
  /** The STAR parts told, each with its evidence; absent for a question that expects no story. */
  readonly star?: Readonly<Partial<Record<StarPart, Quotes>>>;
  /** A concrete episode from the candidate's past is told. */
  readonly example?: true;
  readonly details: readonly [numbers: Quotes, names: Quotes, timeFrames: Quotes];
  readonly delivery: Delivery;
  /** Absent when no company was given. */
  readonly tailoring?: { readonly tailored: boolean | null; readonly evidence: Quotes };
  readonly offTopic?: true;
  readonly canned?: true;
};

/**
 * What a record keeps of the evaluation of its text: the score, the concepts covered and those the question expects
 * that are missed, and the grade as JSON. Kept as a string, the grade costs next to nothing on the loads and saves of
 * every turn (its hundreds of small values would otherwise be parsed and checked each time); it is read back, and
 * checked, only when feedback is rebuilt from it (`readGrade`).
 */
export type Graded = {
  readonly score: number;
  readonly covered: readonly string[];
  readonly missed: readonly string[];
  readonly grade: string;
};

const storyParts = ['situation', 'task', 'action', 'result'] as const satisfies readonly StarPart[];

/** Keeps what feedback reads from `evaluation`, an evaluation of `text` as an answer to `question`. */
export function gradeOf(evaluation: Evaluation, question: Question, text: string): Graded {
  const quotes = (list: readonly string[]): Quotes =>
    list.flatMap((words): (number | string)[] => {
      const at = text.indexOf(words);
      return at < 0 ? [words] : [at, words.length];
    });
  const expected = new Set(question.concepts);
  const covered = evaluation.concepts.filter((c) => c.covered);
  const negated = evaluation.concepts.filter((c) => !c.covered && c.negated.length > 0);
  const { star, specificity: s, tailoring } = evaluation;
  const grade: Grade = {
    breakdown: evaluation.breakdown.map((p) => [p.criterion, p.label, p.points, p.max, p.reason] as const),
    evidence: covered.map((c) => quotes(c.evidence)),
    ...(negated.length === 0 ? {} : { negated: Object.fromEntries(negated.map((c) => [c.id, quotes(c.negated)])) }),
    ...(star === null
      ? {}
      : {
          star: Object.fromEntries(storyParts.flatMap((p) => (star[p].present ? [[p, quotes(star[p].evidence)]] : []))),
        }),
    ...(evaluation.example?.present === true ? { example: true } : {}),
    details: [quotes(s.numbers), quotes(s.names), quotes(s.timeFrames)],
    delivery: evaluation.delivery,
    ...(tailoring.tailored === null && tailoring.evidence.length === 0
      ? {}
      : { tailoring: { tailored: tailoring.tailored, evidence: quotes(tailoring.evidence) } }),
    ...(evaluation.offTopic ? { offTopic: true } : {}),
    ...(evaluation.canned.canned ? { canned: true } : {}),
  };
  return {
    score: evaluation.score,
    covered: covered.map((c) => c.id),
    missed: evaluation.concepts.filter((c) => !c.covered && expected.has(c.id)).map((c) => c.id),
    grade: JSON.stringify(grade),
  };
}

/**
 * Rebuilds the evaluation of `text` that `grade` and `covered` were kept from, as far as feedback reads it: the same
 * feedback comes of it. What feedback does not read (insights, quotable phrases, the canned answer's similarity,
 * the example's evidence, the specificity score) is left empty.
 */
export function evaluationOf(
  grade: Grade,
  covered: readonly string[],
  text: string,
  question: Question,
  pack: Pack,
): Evaluation {
  const all = (list: Quotes | undefined): string[] => (list === undefined ? [] : wordsOf(list, text));
  const evidence = new Map(covered.map((id, i) => [id, all(grade.evidence[i])]));
  const expected = new Set(question.concepts);
  const part = (name: StarPart) => {
    const told = grade.star?.[name];
    return { present: told !== undefined, evidence: all(told) };
  };
  const star: StarAnalysis | null =
    grade.star === undefined
      ? null
      : { situation: part('situation'), task: part('task'), action: part('action'), result: part('result') };
  const breakdown = grade.breakdown.map(([criterion, label, points, max, reason]) => ({
    criterion,
    label,
    points,
    max,
    reason,
  }));
  const [numbers, names, timeFrames] = grade.details;
  return {
    questionId: question.id,
    wordCount: grade.delivery.wordCount,
    // The evaluator reads every concept of the pack, in the pack's order.
    concepts: pack.concepts.map((concept) => ({
      id: concept.id,
      label: concept.label,
      covered: evidence.has(concept.id),
      expected: expected.has(concept.id),
      evidence: evidence.get(concept.id) ?? [],
      negated: all(grade.negated?.[concept.id]),
    })),
    star,
    example: { present: grade.example === true, evidence: [] },
    specificity: {
      score: 0,
      numbers: all(numbers),
      timeFrames: all(timeFrames),
      names: all(names),
      concreteActions: [],
      genericClaims: [],
      cliches: [],
    },
    delivery: grade.delivery,
    insights: { jobTerms: [], repeatedWords: [], talkingPoints: [] },
    canned: { canned: grade.canned === true, similarity: 0, closestId: null },
    offTopic: grade.offTopic === true,
    tailoring: { tailored: grade.tailoring?.tailored ?? null, evidence: all(grade.tailoring?.evidence) },
    score: breakdown.reduce((sum, p) => sum + p.points, 0),
    breakdown,
    genericOnly: false,
    quotable: [],
  };
}

/** The words `quotes` stand for in `text`. */
function wordsOf(quotes: Quotes, text: string): string[] {
  const words: string[] = [];
  for (let i = 0; i < quotes.length; i += 1) {
    const quote = quotes[i];
    if (typeof quote === 'string') words.push(quote);
    else if (typeof quote === 'number') {
      const length = quotes[i + 1];
      words.push(text.slice(quote, quote + (typeof length === 'number' ? length : 0)));
      i += 1;
    }
  }
  return words;
}
