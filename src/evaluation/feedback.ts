import type { Pack, Question } from '../packs/schema.js';
import type { AnswerFeedback, Evaluation, InterviewFeedback, ScorePart, StarPart } from './types.js';

type Gap = AnswerFeedback['gaps'][number];

/** Tips for a missing STAR part. */
const starTips: Readonly<Record<StarPart, string>> = {
  situation: 'Set the scene in a sentence: where you worked, who the customer was and what had gone wrong.',
  task: 'Say what you had to achieve, or what was at stake, before you say what you did.',
  action: "Say what you did yourself, step by step, with 'I' rather than 'we'.",
  result: 'Finish with the outcome: what happened for the customer, in numbers if you can, and what you learned.',
};

const exampleTip =
  'Back your answer with one real moment from your experience: where you were, what you did, how it ended.';

/** Turns one evaluation into strengths, gaps, delivery notes and remarks. */
export function answerFeedback(pack: Pack, evaluation: Evaluation, question: Question): AnswerFeedback {
  const strengths: { label: string; evidence: readonly string[] }[] = [];
  const ordered = [...evaluation.concepts].sort((a, b) => Number(b.expected) - Number(a.expected));
  for (const concept of ordered)
    if (concept.covered) strengths.push({ label: concept.label, evidence: concept.evidence });
  const star = evaluation.star;
  if (star?.situation.present && star.action.present && star.result.present)
    strengths.push({ label: 'A complete story (STAR)', evidence: star.result.evidence });
  const s = evaluation.specificity;
  const details = [...s.numbers, ...s.names, ...s.timeFrames];
  if (details.length > 0) strengths.push({ label: 'Specific details', evidence: details.slice(0, 4) });
  if (evaluation.tailoring.tailored === true)
    strengths.push({ label: 'Tied to the company', evidence: evaluation.tailoring.evidence });

  const gaps: Gap[] = [];
  for (const id of question.concepts) {
    const coverage = evaluation.concepts.find((c) => c.id === id);
    const concept = pack.concepts.find((c) => c.id === id);
    if (coverage !== undefined && concept !== undefined && !coverage.covered)
      gaps.push({ label: concept.label, tip: concept.tip, conceptId: id });
  }
  if (star !== null) {
    if (evaluation.example?.present !== true && !star.action.present)
      gaps.push({ label: 'A real example', tip: exampleTip });
    else
      for (const part of ['situation', 'task', 'action', 'result'] as const)
        if (!star[part].present) gaps.push({ label: `STAR: ${part}`, tip: starTips[part] });
  } else if (question.exampleExpected && evaluation.example?.present !== true)
    gaps.push({ label: 'A real example', tip: exampleTip });

  return {
    questionId: question.id,
    questionText: question.text,
    score: evaluation.score,
    breakdown: evaluation.breakdown,
    strengths: strengths.slice(0, 6),
    gaps,
    star,
    delivery: deliveryNotes(evaluation),
    notes: notes(evaluation),
  };
}

function deliveryNotes(evaluation: Evaluation): string[] {
  const d = evaluation.delivery;
  const [min, max] = d.targetWords;
  const out: string[] = [];
  const length = {
    'too-short': `Very short (${d.wordCount} words): aim for ${min}-${max}.`,
    short: `A little short (${d.wordCount} words): aim for ${min}-${max}.`,
    good: `Good length (${d.wordCount} words).`,
    long: `A little long (${d.wordCount} words): aim for ${min}-${max}.`,
    'too-long': `Much too long (${d.wordCount} words): aim for ${min}-${max} and keep to one story.`,
  }[d.length];
  out.push(length);
  if (d.fillers.length >= 2)
    out.push(`Filler words: ${[...new Set(d.fillers)].slice(0, 4).join(', ')} (${d.fillers.length} in all).`);
  if (d.hedges.length >= 2) out.push(`Hedges that undersell you: ${[...new Set(d.hedges)].slice(0, 4).join(', ')}.`);
  if (d.ownership === 'we' || (d.ownership === 'mixed' && d.weCount > d.iCount))
    out.push("You said 'we' more than 'I': say what you did yourself.");
  return out;
}

function notes(evaluation: Evaluation): string[] {
  const out: string[] = [];
  if (evaluation.offTopic) out.push('This answer does not seem to address the question.');
  if (evaluation.canned.canned)
    out.push(
      'This reads like a published sample answer; interviewers spot those. Say it in your own words, from your own experience.',
    );
  for (const concept of evaluation.concepts)
    if (!concept.covered && concept.negated.length > 0)
      out.push(`You set ${concept.label.toLowerCase()} aside ("${concept.negated[0]}"); interviewers listen for it.`);
  if (evaluation.tailoring.tailored === false)
    out.push('Link your answer to the company: use its values or what it is known for, not just its name.');
  return out;
}

/** Feedback over a whole interview: mean score, averaged breakdown, what to practise, concepts covered and missed. */
export function interviewFeedback(
  pack: Pack,
  answered: readonly { readonly evaluation: Evaluation; readonly question: Question }[],
  skipped: number,
): InterviewFeedback {
  const answers = answered.map(({ evaluation, question }) => answerFeedback(pack, evaluation, question));
  const score =
    answered.length === 0
      ? null
      : Math.round(answered.reduce((sum, a) => sum + a.evaluation.score, 0) / answered.length);
  const covered = new Set(answered.flatMap((a) => a.evaluation.concepts.filter((c) => c.covered).map((c) => c.id)));
  const expected = new Set(answered.flatMap((a) => a.question.concepts));
  const conceptsCovered = pack.concepts.map((c) => c.id).filter((id) => covered.has(id));
  const conceptsMissed = pack.concepts.map((c) => c.id).filter((id) => expected.has(id) && !covered.has(id));
  return {
    score,
    answered: answered.length,
    skipped,
    answers,
    breakdown: averageBreakdown(answered.map((a) => a.evaluation.breakdown)),
    practise: practise(answers, new Set(conceptsMissed)),
    conceptsCovered,
    conceptsMissed,
  };
}

function averageBreakdown(all: readonly (readonly ScorePart[])[]): ScorePart[] {
  const order: string[] = [];
  const sums = new Map<string, { part: ScorePart; points: number; max: number; n: number }>();
  for (const breakdown of all)
    for (const part of breakdown) {
      const sum = sums.get(part.criterion);
      if (sum === undefined) {
        order.push(part.criterion);
        sums.set(part.criterion, { part, points: part.points, max: part.max, n: 1 });
      } else
        sums.set(part.criterion, { ...sum, points: sum.points + part.points, max: sum.max + part.max, n: sum.n + 1 });
    }
  return order.map((criterion) => {
    const sum = sums.get(criterion) as { part: ScorePart; points: number; max: number; n: number };
    return {
      criterion,
      label: sum.part.label,
      points: Math.round((sum.points / sum.n) * 10) / 10,
      max: Math.round((sum.max / sum.n) * 10) / 10,
      reason: `average over ${sum.n} answer${sum.n === 1 ? '' : 's'}`,
    };
  });
}

/** The gaps that came up most often, concepts never covered first among equals; three at most. */
function practise(answers: readonly AnswerFeedback[], neverCovered: ReadonlySet<string>): Gap[] {
  const counts = new Map<string, { gap: Gap; count: number; first: number }>();
  let seen = 0;
  for (const answer of answers)
    for (const gap of answer.gaps) {
      const key = gap.conceptId ?? gap.label.replace(/^STAR: .*/, 'star');
      const entry = counts.get(key);
      if (entry === undefined) counts.set(key, { gap, count: 1, first: seen++ });
      else entry.count += 1;
    }
  const weight = (e: { gap: Gap; count: number }) =>
    e.count + (e.gap.conceptId !== undefined && neverCovered.has(e.gap.conceptId) ? 0.5 : 0);
  return [...counts.values()]
    .sort((a, b) => weight(b) - weight(a) || a.first - b.first)
    .slice(0, 3)
    .map((e) => e.gap);
}
