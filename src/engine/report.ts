import type { Evaluation } from '../evaluation/types.js';
import type { Question } from '../packs/schema.js';
import { evaluationContext, questionAt } from './replies.js';
import type { AnswerRecord, LoadedPack, Session, StepContext, StepResult } from './types.js';

/** The latest finished attempt (answered or skipped) at each question index. */
export function latestAttempts(session: Session): ReadonlyMap<number, AnswerRecord> {
  const latest = new Map<number, AnswerRecord>();
  for (const record of session.answers) {
    if (record.score === null && !record.skipped) continue; // still in progress
    const previous = latest.get(record.index);
    // A skipped retry does not replace an answer.
    if (previous !== undefined && record.skipped && !previous.skipped) continue;
    latest.set(record.index, record);
  }
  return latest;
}

/** Evaluates a record's whole answer (main answer and follow-up answers) again: same text, same result. */
export function evaluateRecord(
  session: Session,
  loaded: LoadedPack,
  record: Pick<AnswerRecord, 'parts' | 'index'>,
): { evaluation: Evaluation; question: Question } {
  const question = questionAt(session, loaded, record.index);
  const evaluation = loaded.evaluator.evaluate(
    record.parts.join('\n\n'),
    question,
    evaluationContext(session.settings),
  );
  return { evaluation, question };
}

/** Ends the interview and replies with the whole-interview feedback over what was answered. */
export function finish(
  session: Session,
  loaded: LoadedPack,
  endedEarly: boolean,
  ctx: StepContext,
  before: StepResult['replies'] = [],
): StepResult {
  const latest = [...latestAttempts(session).values()].sort((a, b) => a.index - b.index);
  const answered = latest.filter((record) => !record.skipped).map((record) => evaluateRecord(session, loaded, record));
  const skipped = latest.filter((record) => record.skipped).length;
  const feedback = loaded.evaluator.interviewFeedback(answered, skipped);
  const next: Session = {
    ...session,
    state: { phase: 'finished', endedEarly, at: ctx.now },
    updatedAt: ctx.now,
    archived: false,
  };
  return { session: next, replies: [...before, { type: 'report', endedEarly, feedback }] };
}
