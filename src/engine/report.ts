import type { Evaluation } from '../evaluation/types.js';
import type { Question } from '../packs/schema.js';
import { evaluationOf } from './grade.js';
import { readGrade } from './grade-schema.js';
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

/** The text a record's evaluation reads: the main answer and the follow-up answers. */
export function recordText(record: Pick<AnswerRecord, 'parts'>): string {
  return record.parts.join('\n\n');
}

/** Evaluates a record's whole answer (main answer and follow-up answers): same text, same result. */
export function evaluateRecord(
  session: Session,
  loaded: LoadedPack,
  record: Pick<AnswerRecord, 'parts' | 'index'>,
): { evaluation: Evaluation; question: Question } {
  const question = questionAt(session, loaded, record.index);
  const evaluation = loaded.evaluator.evaluate(recordText(record), question, evaluationContext(session.settings));
  return { evaluation, question };
}

/**
 * A record's evaluation, rebuilt from the grade kept of it (the record's own unless `kept` is given); evaluated again
 * when there is none (in progress, skipped, stored by version 1) or it does not read back.
 */
export function recordEvaluation(
  session: Session,
  loaded: LoadedPack,
  record: AnswerRecord,
  kept: Pick<AnswerRecord, 'covered' | 'grade'> = record,
): { evaluation: Evaluation; question: Question } {
  const grade = kept.grade === undefined ? undefined : readGrade(kept.grade, kept.covered);
  if (grade === undefined) return evaluateRecord(session, loaded, record);
  const question = questionAt(session, loaded, record.index);
  const evaluation = evaluationOf(grade, kept.covered, recordText(record), question, loaded.pack);
  return { evaluation, question };
}

/** Ends the interview and replies with the whole-interview feedback over what was answered, from the grades kept. */
export function finish(
  session: Session,
  loaded: LoadedPack,
  endedEarly: boolean,
  ctx: StepContext,
  before: StepResult['replies'] = [],
): StepResult {
  const latest = [...latestAttempts(session).values()].sort((a, b) => a.index - b.index);
  const answered = latest
    .filter((record) => !record.skipped)
    .map((record) => recordEvaluation(session, loaded, record));
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
