import type { FollowUpReason, Pack, Question } from '../packs/schema.js';
import { toQuote } from './quotes.js';
import type { Evaluation, FollowUp, FollowUpHistory, StarPart } from './types.js';

/** Answers shorter than this many words are asked to expand. */
export const expandBelowWords = 25;
/** An answer showing this many of the question's expected concepts has answered it: no concept is probed. */
export const conceptsEnough = 2;
/** Follow-ups per question unless the history says otherwise. */
export const defaultMaxFollowUps = 2;

type Candidate = { readonly reason: FollowUpReason; readonly conceptId?: string };

const starOrder: readonly StarPart[] = ['situation', 'action', 'result', 'task'];

// Used only when a pack's templates all quote and nothing in the answer is quotable.
const plain: Readonly<Record<FollowUpReason, string>> = {
  expand: 'Could you say a bit more about that?',
  example: 'Can you give me a concrete example from your own experience?',
  'star-situation': 'What was the situation: where were you working and what had happened?',
  'star-task': 'What exactly did you need to achieve there?',
  'star-action': 'What did you do yourself, step by step?',
  'star-result': 'How did it end: what happened for the customer?',
  personal: 'That sounds like a textbook answer. What does it mean to you, from your own experience?',
  concept: 'Could you say more about that?',
  'off-topic': "Let's come back to the question: how would you answer it?",
};

/** Every follow-up the answer calls for, most useful first (the policy's fixed priority). */
function followUpCandidates(evaluation: Evaluation, question: Question): Candidate[] {
  const out: Candidate[] = [];
  if (evaluation.offTopic) out.push({ reason: 'off-topic' });
  if (evaluation.wordCount < expandBelowWords || evaluation.genericOnly === true) out.push({ reason: 'expand' });
  if (evaluation.canned.canned) out.push({ reason: 'personal' });
  const star = evaluation.star;
  if (question.kind === 'behavioral' && star !== null) {
    // No part of a story at all: ask for one; otherwise ask for the first part missing.
    if (!starOrder.some((part) => star[part].present)) out.push({ reason: 'example' });
    else for (const part of starOrder) if (!star[part].present) out.push({ reason: `star-${part}` });
  } else if (question.exampleExpected && evaluation.example?.present !== true) out.push({ reason: 'example' });
  // Probe a concept only when the answer misses the question's core (its first concept) and shows little else of
  // what was asked: a full answer that skips a minor point is not worth a follow-up.
  const covered = new Set(evaluation.concepts.filter((c) => c.covered).map((c) => c.id));
  const shown = question.concepts.filter((id) => covered.has(id)).length;
  const core = question.concepts[0];
  if (core !== undefined && !covered.has(core) && shown < conceptsEnough)
    out.push({ reason: 'concept', conceptId: core });
  return out;
}

/** Picks the single most useful follow-up not asked yet, or null; phrasing varies only with `random`. */
export function chooseFollowUp(
  pack: Pack,
  evaluation: Evaluation,
  question: Question,
  history: FollowUpHistory,
  random: () => number,
): FollowUp | null {
  const max = history.max ?? defaultMaxFollowUps;
  if (history.asked.length >= max) return null;
  const asked = new Set(history.asked);
  const next = followUpCandidates(evaluation, question).find((c) => !asked.has(c.reason));
  if (next === undefined) return null;
  const concept = next.conceptId === undefined ? undefined : pack.concepts.find((c) => c.id === next.conceptId);
  const templates = next.reason === 'concept' ? (concept?.followUps ?? []) : pack.probes[next.reason];
  const quote = quoteFor(evaluation, next.reason, next.conceptId);
  const quoting = templates.filter((t) => t.includes('{quote}'));
  const plainOnes = templates.filter((t) => !t.includes('{quote}'));
  const pool = quote !== null && quoting.length > 0 ? quoting : plainOnes;
  const template = pick(pool, random) ?? plain[next.reason];
  const usesQuote = quote !== null && template.includes('{quote}');
  return {
    reason: next.reason,
    // A function, not the string: the candidate's words may hold `$&` or `$'`, which a replacement string expands.
    text: usesQuote ? template.replaceAll('{quote}', () => quote) : template,
    ...(usesQuote ? { quote } : {}),
    ...(next.conceptId === undefined ? {} : { conceptId: next.conceptId }),
  };
}

function pick(pool: readonly string[], random: () => number): string | undefined {
  if (pool.length === 0) return undefined;
  const r = random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 0.999_999) : 0;
  return pool[Math.floor(unit * pool.length)];
}

/** The candidate's own words that fit the question being asked, trimmed to 3-10 words. */
function quoteFor(evaluation: Evaluation, reason: FollowUpReason, conceptId?: string): string | null {
  const star = evaluation.star;
  const own = star?.action.evidence ?? [];
  const actions = [...own, ...evaluation.specificity.concreteActions];
  const situation = star?.situation.evidence ?? evaluation.example?.evidence ?? [];
  const quotable = evaluation.quotable ?? [];
  const covered = evaluation.concepts.filter((c) => c.covered).flatMap((c) => c.evidence);
  const related = conceptId === undefined ? [] : (evaluation.concepts.find((c) => c.id === conceptId)?.negated ?? []);
  const sources: Readonly<Record<FollowUpReason, readonly string[]>> = {
    'off-topic': quotable,
    expand: quotable,
    personal: [...quotable.slice(1), ...quotable],
    example: [...covered, ...evaluation.specificity.genericClaims, ...quotable],
    'star-situation': [...actions, ...quotable],
    'star-task': [...situation, ...actions, ...quotable],
    'star-action': [...situation, ...quotable],
    'star-result': [...own.slice().reverse(), ...quotable.slice().reverse()],
    // Only the candidate's own words about this concept (a denial of it, say) are worth quoting back.
    concept: related,
  };
  // A phrase that fits whole beats one cut short.
  for (const cut of [false, true]) {
    for (const source of sources[reason]) {
      const quote = toQuote(source, cut);
      if (quote !== null) return quote;
    }
  }
  return null;
}
