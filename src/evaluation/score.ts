import type { Question } from '../packs/schema.js';
import type { CannedCheck, ConceptCoverage, Delivery, ScorePart, Specificity, StarAnalysis } from './types.js';

/** What the score is computed from: the evaluation's findings. */
export type ScoreInput = {
  readonly question: Question;
  readonly concepts: readonly ConceptCoverage[];
  readonly star: StarAnalysis | null;
  readonly example: boolean;
  readonly steps: number;
  readonly specificity: Specificity;
  readonly delivery: Delivery;
  readonly canned: CannedCheck;
  readonly offTopic: boolean;
  /** null when no company was given. */
  readonly tailoring: { readonly tailored: boolean; readonly named: boolean } | null;
};

const part = (criterion: string, label: string, points: number, max: number, reason: string): ScorePart => ({
  criterion,
  label,
  points: Math.max(0, Math.min(max, Math.round(points))),
  max,
  reason,
});

// Copied words prove nothing about the candidate: what a canned answer covers or tells earns this share.
const borrowedShare = 0.25;
// Concepts buried in a much-too-long answer are only half heard.
const rambleShare = 0.6;

function credit(input: ScoreInput): number {
  return input.canned.canned ? borrowedShare : 1;
}

function coverage(input: ScoreInput, max: number): ScorePart {
  const expected = input.concepts.filter((c) => c.expected);
  const hit = expected.filter((c) => c.covered).length;
  const extra = input.concepts.filter((c) => c.covered && !c.expected).length;
  const rejected = expected.filter((c) => !c.covered && c.negated.length > 0).length;
  const target = Math.max(1, Math.min(expected.length, 3));
  const share = Math.min(1, (hit + 0.5 * Math.min(extra, 2)) / target) - 0.25 * rejected;
  const focus = input.delivery.length === 'too-long' ? rambleShare : 1;
  const notes = [
    extra > 0 ? `plus ${extra} more` : '',
    rejected > 0 ? `${rejected} set aside` : '',
    input.canned.canned ? 'in borrowed words' : '',
    focus < 1 ? 'lost in a long answer' : '',
  ].filter((note) => note !== '');
  const reason = `${hit} of ${expected.length} expected points covered${notes.length > 0 ? `, ${notes.join(', ')}` : ''}`;
  return part('coverage', 'What a strong answer covers', max * share * focus * credit(input), max, reason);
}

function structure(input: ScoreInput, max: number): ScorePart {
  if (input.star !== null) {
    const weights = { situation: 0.24, task: 0.16, action: 0.36, result: 0.24 } as const;
    let share = 0;
    const present: string[] = [];
    for (const key of ['situation', 'task', 'action', 'result'] as const) {
      if (input.star[key].present) {
        share += weights[key];
        present.push(key);
      }
    }
    const reason = present.length === 0 ? 'no story told' : `STAR parts told: ${present.join(', ')}`;
    return part('structure', 'Story (STAR)', max * share * credit(input), max, reason);
  }
  const exampleWeight = input.question.exampleExpected ? 0.6 : 0.4;
  const steps = Math.min(1, input.steps / 3) * (1 - exampleWeight);
  const share = (input.example ? exampleWeight : 0) + steps;
  const reason = input.example
    ? 'backed by an example from experience'
    : input.question.exampleExpected
      ? 'no concrete example from experience'
      : 'explained without an example';
  return part('structure', 'Example and steps', max * share * credit(input), max, reason);
}

function delivery(input: ScoreInput, max: number): ScorePart {
  const d = input.delivery;
  const lengthShare = { 'too-short': 0.1, short: 0.6, good: 1, long: 0.7, 'too-long': 0.3 }[d.length];
  const slips = d.fillers.length + d.hedges.length;
  const allowance = Math.max(1, d.wordCount / 60);
  const fluency = Math.max(0, 1 - Math.max(0, slips - allowance) / 6);
  const points = max * (0.7 * lengthShare + 0.3 * fluency * (d.wordCount < 10 ? 0.3 : 1));
  const reason = `${d.wordCount} words (aim for ${d.targetWords[0]}-${d.targetWords[1]})${slips > 0 ? `, ${slips} fillers or hedges` : ''}`;
  return part('delivery', 'Length and delivery', points, max, reason);
}

// Own words earn full credit from this many words on: a one-word answer is original but says little.
const originalFrom = 30;

function originality(input: ScoreInput, max: number): ScorePart {
  const { similarity, canned } = input.canned;
  const share = canned ? 0.1 * (1 - similarity) : 1 - Math.max(0, similarity - 0.25) / 0.5;
  const substance = Math.min(1, input.delivery.wordCount / originalFrom);
  const reason = canned
    ? 'reads like a published sample answer'
    : substance < 1
      ? 'too short to judge'
      : 'in your own words';
  return part('originality', 'Your own words', max * share * substance, max, reason);
}

/** The score as named criteria; the total is their sum. Off-topic answers earn nothing. */
export function scoreAnswer(input: ScoreInput): readonly ScorePart[] {
  const withCompany = input.tailoring !== null;
  const parts = [
    coverage(input, withCompany ? 30 : 35),
    structure(input, 25),
    part('specificity', 'Specific details', 15 * input.specificity.score, 15, specificityReason(input.specificity)),
    delivery(input, withCompany ? 10 : 15),
    originality(input, 10),
  ];
  if (input.tailoring !== null) {
    const { tailored, named } = input.tailoring;
    const reason = tailored ? 'tied to the company' : named ? 'names the company only' : 'not tied to the company';
    parts.push(part('tailoring', 'Tailored to the company', tailored ? 10 : named ? 3 : 0, 10, reason));
  }
  if (!input.offTopic) return parts;
  return parts.map((p) => ({ ...p, points: 0, reason: 'off topic' }));
}

function specificityReason(s: Specificity): string {
  const found = [
    s.numbers.length > 0 ? 'numbers' : '',
    s.timeFrames.length > 0 ? 'time frames' : '',
    s.names.length > 0 ? 'names' : '',
    s.concreteActions.length > 0 ? 'things you did' : '',
  ].filter((x) => x !== '');
  return found.length === 0 ? 'general claims only' : `gives ${found.join(', ')}`;
}
