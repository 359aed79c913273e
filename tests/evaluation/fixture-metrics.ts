import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { type Evaluation, type Evaluator, StarParts } from '../../src/evaluation/index.js';
import { FollowUpReasons, type Pack, type Question } from '../../src/packs/index.js';

/** The labelled answers (ground truth); the file is never edited by the evaluator's authors. */
export const fixturesFile = join(import.meta.dirname, 'fixtures', 'answers.yaml');

const Star = z.strictObject({ situation: z.boolean(), task: z.boolean(), action: z.boolean(), result: z.boolean() });
const Fixture = z.strictObject({
  id: z.string(),
  question: z.string(),
  style: z.string(),
  company: z.string().optional(),
  text: z.string(),
  covers: z.array(z.string()),
  lacks: z.array(z.string()),
  star: Star.nullable(),
  canned: z.boolean(),
  followUp: z.enum([...FollowUpReasons, 'none']),
  grade: z.number().int().min(1).max(5),
  tailored: z.boolean().optional(),
});
export type Fixture = z.infer<typeof Fixture>;

/** Reads and validates the fixtures; throws when the file is missing or malformed. */
export function loadFixtures(path = fixturesFile): Fixture[] {
  return z.array(Fixture).parse(parse(readFileSync(path, 'utf8')));
}

/** Spearman's rank correlation, ties given their mean rank. */
export function spearman(xs: readonly number[], ys: readonly number[]): number {
  const rank = (values: readonly number[]) => {
    const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    const ranks = new Array<number>(values.length).fill(0);
    for (let i = 0; i < order.length; ) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j += 1;
      for (let k = i; k <= j; k += 1) ranks[order[k]?.[1] ?? 0] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return ranks;
  };
  const rx = rank(xs);
  const ry = rank(ys);
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(rx);
  const my = mean(ry);
  let num = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < rx.length; i += 1) {
    const a = (rx[i] ?? 0) - mx;
    const b = (ry[i] ?? 0) - my;
    num += a * b;
    dx += a * a;
    dy += b * b;
  }
  return dx === 0 || dy === 0 ? 0 : num / Math.sqrt(dx * dy);
}

/** One fixture's evaluation next to its labels. */
export type Scored = {
  readonly fixture: Fixture;
  readonly question: Question;
  readonly evaluation: Evaluation;
  readonly followUp: string;
};

/** Every figure the fixtures test asserts, with the mismatches behind them. */
export type FixtureFigures = {
  readonly answers: number;
  readonly conceptF1: number;
  readonly conceptPrecision: number;
  readonly conceptRecall: number;
  readonly starAccuracy: number;
  readonly scoreSpearman: number;
  readonly wordCountSpearman: number;
  readonly cannedVerbatimCaught: number;
  readonly cannedVerbatim: number;
  readonly cannedParaphraseRate: number;
  readonly falseCannedRate: number;
  readonly followUpAccuracy: number;
  readonly tailoredAccuracy: number;
  readonly misses: {
    readonly concepts: readonly string[];
    readonly star: readonly string[];
    readonly canned: readonly string[];
    readonly followUp: readonly string[];
    readonly tailored: readonly string[];
  };
};

/** Evaluates every fixture and computes the figures. */
export function measure(
  evaluator: Evaluator,
  pack: Pack,
  fixtures: readonly Fixture[],
): { figures: FixtureFigures; scored: Scored[] } {
  const scored: Scored[] = fixtures.map((fixture) => {
    const question = pack.questions.find((q) => q.id === fixture.question);
    if (question === undefined) throw new Error(`${fixture.id}: unknown question "${fixture.question}"`);
    const context = fixture.company === undefined ? {} : { company: fixture.company };
    const evaluation = evaluator.evaluate(fixture.text, question, context);
    const followUp = evaluator.chooseFollowUp(evaluation, question, { asked: [] }, () => 0)?.reason ?? 'none';
    return { fixture, question, evaluation, followUp };
  });
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const conceptMisses: string[] = [];
  let starRight = 0;
  let starTotal = 0;
  const starMisses: string[] = [];
  const cannedMisses: string[] = [];
  const followUpMisses: string[] = [];
  const tailoredMisses: string[] = [];
  let tailoredRight = 0;
  let tailoredTotal = 0;
  for (const { fixture, evaluation, followUp } of scored) {
    const covered = new Map(evaluation.concepts.map((c) => [c.id, c.covered]));
    for (const id of fixture.covers) {
      if (covered.get(id)) tp += 1;
      else {
        fn += 1;
        conceptMisses.push(`${fixture.id} missed ${id}`);
      }
    }
    for (const id of fixture.lacks) {
      if (covered.get(id)) {
        fp += 1;
        const found = evaluation.concepts.find((c) => c.id === id);
        conceptMisses.push(`${fixture.id} wrongly ${id}: ${JSON.stringify(found?.evidence)}`);
      }
    }
    if (fixture.star !== null) {
      for (const part of StarParts) {
        starTotal += 1;
        const got = evaluation.star?.[part].present ?? false;
        if (got === fixture.star[part]) starRight += 1;
        else
          starMisses.push(
            `${fixture.id} ${part} expected ${fixture.star[part]}: ${JSON.stringify(evaluation.star?.[part].evidence)}`,
          );
      }
    }
    if (evaluation.canned.canned !== fixture.canned)
      cannedMisses.push(
        `${fixture.id} (${fixture.style}) canned=${evaluation.canned.canned} sim=${evaluation.canned.similarity}`,
      );
    if (followUp !== fixture.followUp)
      followUpMisses.push(`${fixture.id} (${fixture.style}) expected ${fixture.followUp}, got ${followUp}`);
    if (fixture.tailored !== undefined) {
      tailoredTotal += 1;
      if (evaluation.tailoring.tailored === fixture.tailored) tailoredRight += 1;
      else tailoredMisses.push(`${fixture.id} expected ${fixture.tailored}`);
    }
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const style = (s: string) => scored.filter((x) => x.fixture.style === s);
  const verbatim = style('canned-verbatim');
  const paraphrase = style('canned-paraphrase');
  const honest = scored.filter((x) => !x.fixture.canned);
  const grades = scored.map((x) => x.fixture.grade);
  return {
    scored,
    figures: {
      answers: scored.length,
      conceptF1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      conceptPrecision: precision,
      conceptRecall: recall,
      starAccuracy: starTotal === 0 ? 0 : starRight / starTotal,
      scoreSpearman: spearman(
        scored.map((x) => x.evaluation.score),
        grades,
      ),
      wordCountSpearman: spearman(
        scored.map((x) => x.evaluation.wordCount),
        grades,
      ),
      cannedVerbatimCaught: verbatim.filter((x) => x.evaluation.canned.canned).length,
      cannedVerbatim: verbatim.length,
      cannedParaphraseRate:
        paraphrase.filter((x) => x.evaluation.canned.canned).length / Math.max(1, paraphrase.length),
      falseCannedRate: honest.filter((x) => x.evaluation.canned.canned).length / Math.max(1, honest.length),
      followUpAccuracy: scored.filter((x) => x.followUp === x.fixture.followUp).length / Math.max(1, scored.length),
      tailoredAccuracy: tailoredTotal === 0 ? 1 : tailoredRight / tailoredTotal,
      misses: {
        concepts: conceptMisses,
        star: starMisses,
        canned: cannedMisses,
        followUp: followUpMisses,
        tailored: tailoredMisses,
      },
    },
  };
}
