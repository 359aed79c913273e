// Evaluates one answer read on stdin: `npm run --silent evaluate -- --question <id> [--json] [--company NAME]`
// [--value VALUE]... (the company's values) [--packs DIR] (another folder of packs, for tests).
import { parseArgs } from 'node:util';
import { seededRandom } from '../src/engine/index.js';
import {
  type AnswerFeedback,
  createEvaluator,
  type Evaluation,
  type FollowUp,
  StarParts,
} from '../src/evaluation/index.js';
import { type Corpus, loadCorpus, loadPacks, type Pack, PackError, type Question } from '../src/packs/index.js';

/** What `--json` prints: the evaluation's summary, stable for scripts. */
export type EvaluateOutput = {
  readonly questionId: string;
  readonly score: number;
  readonly wordCount: number;
  readonly concepts: readonly {
    readonly id: string;
    readonly covered: boolean;
    readonly evidence: readonly string[];
  }[];
  readonly star: Readonly<Record<(typeof StarParts)[number], boolean>> | null;
  readonly canned: boolean;
  readonly cannedSimilarity: number;
  readonly offTopic: boolean;
  readonly tailored: boolean | null;
  readonly followUp: { readonly reason: string; readonly text: string } | null;
  readonly breakdown: Evaluation['breakdown'];
};

class UsageError extends Error {}

function options(argv: readonly string[]) {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        question: { type: 'string' },
        json: { type: 'boolean', default: false },
        company: { type: 'string' },
        value: { type: 'string', multiple: true },
        packs: { type: 'string' },
      },
    });
    if (values.question === undefined) throw new UsageError('--question <id> is required');
    return { ...values, question: values.question };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

function find(packs: readonly Pack[], id: string): { pack: Pack; question: Question } {
  for (const pack of packs) {
    const question = pack.questions.find((q) => q.id === id);
    if (question !== undefined) return { pack, question };
  }
  throw new UsageError(
    `unknown question "${id}" (try one of: ${packs
      .flatMap((p) => p.questions.map((q) => q.id))
      .slice(0, 8)
      .join(', ')}, ...)`,
  );
}

/** The `--json` object for one evaluation and its follow-up. */
export function toOutput(evaluation: Evaluation, followUp: FollowUp | null): EvaluateOutput {
  const star = evaluation.star;
  return {
    questionId: evaluation.questionId,
    score: evaluation.score,
    wordCount: evaluation.wordCount,
    concepts: evaluation.concepts.map((c) => ({ id: c.id, covered: c.covered, evidence: c.evidence })),
    star:
      star === null
        ? null
        : {
            situation: star.situation.present,
            task: star.task.present,
            action: star.action.present,
            result: star.result.present,
          },
    canned: evaluation.canned.canned,
    cannedSimilarity: evaluation.canned.similarity,
    offTopic: evaluation.offTopic,
    tailored: evaluation.tailoring.tailored,
    followUp: followUp === null ? null : { reason: followUp.reason, text: followUp.text },
    breakdown: evaluation.breakdown,
  };
}

/** Readable feedback for a terminal. */
export function renderFeedback(feedback: AnswerFeedback, followUp: FollowUp | null): string {
  const quote = (evidence: readonly string[]) =>
    evidence.length === 0 ? '' : `: "${evidence.slice(0, 2).join('", "')}"`;
  const star = feedback.star;
  return [
    `${feedback.questionText}`,
    `Score: ${feedback.score}/100`,
    ...feedback.breakdown.map((p) => `  ${p.label.padEnd(26)} ${String(p.points).padStart(3)}/${p.max}  ${p.reason}`),
    ...(feedback.strengths.length === 0
      ? []
      : ['Strengths:', ...feedback.strengths.map((s) => `  + ${s.label}${quote(s.evidence)}`)]),
    ...(feedback.gaps.length === 0 ? [] : ['To work on:', ...feedback.gaps.map((g) => `  - ${g.label}: ${g.tip}`)]),
    ...(star === null
      ? []
      : [`STAR: ${StarParts.map((part) => `${part} ${star[part].present ? 'yes' : 'no'}`).join(', ')}`]),
    ...feedback.delivery.map((line) => `Delivery: ${line}`),
    ...feedback.notes.map((line) => `Note: ${line}`),
    followUp === null ? 'Follow-up: none needed' : `Follow-up (${followUp.reason}): ${followUp.text}`,
  ].join('\n');
}

async function main(): Promise<number> {
  const args = options(process.argv.slice(2));
  let packs: readonly Pack[];
  let corpus: Corpus;
  try {
    packs = loadPacks(args.packs);
    corpus = loadCorpus(args.packs);
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    for (const problem of error.problems) process.stderr.write(`${problem}\n`);
    return 2;
  }
  const { pack, question } = find(packs, args.question);
  const answer = await readStdin();
  if (answer.trim() === '') throw new UsageError('no answer on stdin');
  const evaluator = createEvaluator(pack, corpus);
  const context = {
    ...(args.company === undefined ? {} : { company: args.company }),
    ...(args.value === undefined ? {} : { companyValues: args.value }),
  };
  const evaluation = evaluator.evaluate(answer, question, context);
  // A fixed seed: the same answer always gets the same follow-up wording.
  const followUp = evaluator.chooseFollowUp(evaluation, question, { asked: [] }, seededRandom(1));
  const out = args.json
    ? JSON.stringify(toOutput(evaluation, followUp))
    : renderFeedback(evaluator.answerFeedback(evaluation, question), followUp);
  process.stdout.write(`${out}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message =
      error instanceof UsageError ? error.message : error instanceof Error ? error.message : String(error);
    process.stderr.write(`evaluate: ${message.split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
