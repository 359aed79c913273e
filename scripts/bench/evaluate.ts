import { createEvaluator, type Evaluator } from '../../src/evaluation/index.js';
import { loadNlp } from '../../src/evaluation/nlp.js';
import { loadCorpus, loadPacks, type Question } from '../../src/packs/index.js';
import { percentile, round3 } from './stats.js';

/** Answer lengths the bench times, in words. */
export const benchSizes = [50, 150, 400, 2000] as const;
export type BenchSize = (typeof benchSizes)[number];

type Timing = { readonly p50Ms: number; readonly p99Ms: number };

/** The evaluator's figures: evaluate() per answer length, and the one-off start-up cost. */
export type EvaluateBench = {
  /**
   * Wall-clock percentiles per answer length, after a warm-up; `followUp150` is a 150-word answer with a 150-word
   * follow-up (read as one text, as the engine reads them), evaluated after the main answer alone as on the turn before.
   */
  readonly evaluate: Readonly<Record<`${BenchSize}` | 'followUp150', Timing>>;
  /** Pack load + model load + evaluator build, the first time in this process. */
  readonly startupMs: number;
  readonly startup: { readonly packLoadMs: number; readonly modelLoadMs: number; readonly evaluatorBuildMs: number };
  readonly iterations: Readonly<Record<`${BenchSize}` | 'followUp150', number>>;
};

const iterationsFor: Readonly<Record<BenchSize, number>> = { 50: 4000, 150: 4000, 400: 1500, 2000: 300 };
const followUpIterations = 2000;
const variants = 5;

/** Answers of about `words` words cut from the pack's own model answers, at a few offsets for variety. */
function answersOf(source: readonly string[], words: number): string[] {
  return Array.from({ length: variants }, (_, v) => {
    const start = (v * 37) % source.length;
    return Array.from({ length: words }, (_, i) => source[(start + i) % source.length]).join(' ');
  });
}

/**
 * Times the evaluator. Call it before anything else in the process loads the language model, or the start-up
 * figure misses the model load.
 */
export function benchEvaluate(): EvaluateBench {
  const t0 = performance.now();
  const packs = loadPacks();
  const corpus = loadCorpus();
  const t1 = performance.now();
  loadNlp();
  const t2 = performance.now();
  const pack = packs.find((p) => p.id === 'customer-service') ?? packs[0];
  if (pack === undefined) throw new Error('no question pack to bench');
  const evaluator = createEvaluator(pack, corpus);
  const t3 = performance.now();

  const words = pack.questions.flatMap((q) => q.modelAnswer.split(/\s+/));
  const question =
    pack.questions.find((q) => q.kind === 'behavioral') ?? (pack.questions[0] as (typeof pack.questions)[0]);
  const evaluate = {} as Record<`${BenchSize}` | 'followUp150', Timing>;
  const iterations = {} as Record<`${BenchSize}` | 'followUp150', number>;
  for (const size of benchSizes) {
    const answers = answersOf(words, size);
    const runs = iterationsFor[size];
    // Every run reads a text not read before (a numbered last word), so the cache of parsed paragraphs never serves
    // a timed run: the figures are of real work.
    const unique = (i: number) => `${answers[i % variants] as string} ${size}x${i}`;
    for (let i = 0; i < Math.min(500, runs); i += 1) evaluator.evaluate(unique(runs + i), question);
    const samples: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const answer = unique(i);
      const start = performance.now();
      evaluator.evaluate(answer, question);
      samples.push(performance.now() - start);
    }
    evaluate[`${size}`] = { p50Ms: round3(percentile(samples, 50)), p99Ms: round3(percentile(samples, 99)) };
    iterations[`${size}`] = runs;
  }
  evaluate.followUp150 = timeFollowUps(evaluator, question, words);
  iterations.followUp150 = followUpIterations;
  return {
    evaluate,
    startupMs: round3(t3 - t0),
    startup: { packLoadMs: round3(t1 - t0), modelLoadMs: round3(t2 - t1), evaluatorBuildMs: round3(t3 - t2) },
    iterations,
  };
}

/**
 * Times the second turn of a question: the main answer was evaluated on the turn before (untimed here), then the
 * answer and its follow-up are evaluated as one text joined by a blank line. Every text is new, as in `benchEvaluate`.
 */
function timeFollowUps(evaluator: Evaluator, question: Question, words: readonly string[]): Timing {
  const mains = answersOf(words, 150);
  const follows = answersOf(words.toReversed(), 150);
  const turn = (i: number) => {
    const main = `${mains[i % variants] as string} main${i}`;
    return { main, joined: `${main}\n\n${follows[(i + 2) % variants] as string} follow${i}` };
  };
  for (let i = 0; i < 500; i += 1) {
    const { main, joined } = turn(followUpIterations + i);
    evaluator.evaluate(main, question);
    evaluator.evaluate(joined, question);
  }
  const samples: number[] = [];
  for (let i = 0; i < followUpIterations; i += 1) {
    const { main, joined } = turn(i);
    evaluator.evaluate(main, question);
    const start = performance.now();
    evaluator.evaluate(joined, question);
    samples.push(performance.now() - start);
  }
  return { p50Ms: round3(percentile(samples, 50)), p99Ms: round3(percentile(samples, 99)) };
}

/** The figures as a small table. */
export function formatEvaluateBench(bench: EvaluateBench): string {
  const rows = benchSizes.map((size) => {
    const t = bench.evaluate[`${size}`];
    const runs = bench.iterations[`${size}`];
    return `  ${String(size).padStart(5)} words  p50 ${t.p50Ms.toFixed(3)} ms  p99 ${t.p99Ms.toFixed(3)} ms  (${runs} runs)`;
  });
  const s = bench.startup;
  const f = bench.evaluate.followUp150;
  const followUp = `  150 + 150 follow-up  p50 ${f.p50Ms.toFixed(3)} ms  p99 ${f.p99Ms.toFixed(3)} ms  (${bench.iterations.followUp150} runs)`;
  return [
    'evaluate()',
    ...rows,
    followUp,
    `start-up ${bench.startupMs.toFixed(1)} ms (packs ${s.packLoadMs.toFixed(1)}, model ${s.modelLoadMs.toFixed(1)}, evaluator ${s.evaluatorBuildMs.toFixed(1)})`,
  ].join('\n');
}
