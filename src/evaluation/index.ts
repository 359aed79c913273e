import type { Corpus, Pack, Question } from '../packs/schema.js';
import { analyse, prepare } from './analyse.js';
import { answerFeedback, interviewFeedback } from './feedback.js';
import { chooseFollowUp } from './follow-up.js';
import { loadNlp } from './nlp.js';
import type { Evaluation, EvaluationContext, Evaluator } from './types.js';

/** How many recent evaluations are kept per question for reuse. */
const RECENT_PER_QUESTION = 8;

export type { FollowUpReason } from '../packs/schema.js';
export { cannedThreshold } from './canned.js';
export { defaultTargetWords } from './delivery.js';
export { EvaluationSchema } from './evaluation-schema.js';
export { conceptsEnough, defaultMaxFollowUps, expandBelowWords } from './follow-up.js';
export * from './types.js';

/**
 * Builds the evaluator for one pack once at start-up: loads the language model (once per process), lemmatises
 * every cue and fingerprints the canned-answer corpus. Every method of the result is pure and deterministic.
 */
export function createEvaluator(pack: Pack, corpus: Corpus): Evaluator {
  const prepared = prepare(loadNlp(), pack, corpus);
  const read = (answer: string, question: Question, context: EvaluationContext | undefined): Evaluation => {
    try {
      return analyse(prepared, answer, question, context);
    } catch {
      // A bug must not cost the candidate their turn: read it as an empty answer (the property tests hunt these).
      return analyse(prepared, '', question, context);
    }
  };
  // Evaluation is pure, so recent results are reused: a report re-reads answers evaluated on earlier turns.
  const recent = new WeakMap<Question, Map<string, Evaluation>>();
  return {
    evaluate: (answer, question, context) => {
      const key = `${context?.company ?? ''}\u0000${context?.companyValues?.join('\u0001') ?? ''}\u0000${context?.role ?? ''}\u0000${answer}`;
      const cache = recent.get(question) ?? new Map<string, Evaluation>();
      recent.set(question, cache);
      const hit = cache.get(key);
      if (hit !== undefined) {
        cache.delete(key);
        cache.set(key, hit);
        return hit;
      }
      const evaluation = read(answer, question, context);
      cache.set(key, evaluation);
      if (cache.size > RECENT_PER_QUESTION) cache.delete(cache.keys().next().value ?? '');
      return evaluation;
    },
    chooseFollowUp: (evaluation, question, history, random) =>
      chooseFollowUp(pack, evaluation, question, history, random),
    answerFeedback: (evaluation, question) => answerFeedback(pack, evaluation, question),
    interviewFeedback: (answered, skipped) => interviewFeedback(pack, answered, skipped),
  };
}
