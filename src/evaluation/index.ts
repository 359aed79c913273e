import type { Corpus, Pack, Question } from '../packs/schema.js';
import { analyse, prepare } from './analyse.js';
import { answerFeedback, interviewFeedback } from './feedback.js';
import { chooseFollowUp } from './follow-up.js';
import { loadNlp } from './nlp.js';
import type { Evaluation, EvaluationContext, Evaluator } from './types.js';

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
  return {
    evaluate: read,
    chooseFollowUp: (evaluation, question, history, random) =>
      chooseFollowUp(pack, evaluation, question, history, random),
    answerFeedback: (evaluation, question) => answerFeedback(pack, evaluation, question),
    interviewFeedback: (answered, skipped) => interviewFeedback(pack, answered, skipped),
  };
}
