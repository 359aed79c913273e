import type { Evaluation } from '../evaluation/types.js';
import type { FollowUpReason } from '../packs/schema.js';
import { gradeOf } from './grade.js';
import { ask, currentPrompt, feedbackActions, notice, stay, withState } from './replies.js';
import { evaluateRecord, finish, recordText } from './report.js';
import type { AnswerRecord, Live, LoadedPack, Reply, Session, StepContext, StepResult, Turn } from './types.js';

/** Answers longer than this are evaluated on their first ANSWER_LIMIT characters. */
export const ANSWER_LIMIT = 6000;
/** At most this many follow-ups for one question. */
export const MAX_FOLLOW_UPS = 2;

type QuestionPhase = Extract<Live, { phase: 'asking' | 'probing' }>;

/** Takes an answer to the current question or follow-up: evaluate, then probe, or give feedback and move on. */
export function onAnswer(
  session: Session,
  live: QuestionPhase,
  raw: string,
  loaded: LoadedPack,
  ctx: StepContext,
): StepResult {
  const trimmed = raw.trim();
  if (trimmed === '')
    return stay(
      session,
      notice('I did not catch an answer there. Type your answer, or skip to move on.'),
      currentPrompt(session, live, loaded),
    );
  const text = trimmed.length > ANSWER_LIMIT ? trimmed.slice(0, ANSWER_LIMIT) : trimmed;
  const cut: Reply[] =
    text.length < trimmed.length
      ? [notice(`That answer was long, so I read its first ${ANSWER_LIMIT.toLocaleString('en')} characters.`)]
      : [];
  const { turn } = live;
  const previous = live.phase === 'probing' ? session.answers.at(-1) : undefined;
  const record: AnswerRecord =
    previous === undefined
      ? {
          index: turn.index,
          questionId: session.questionIds[turn.index] ?? '',
          attempt: session.answers.filter((r) => r.index === turn.index && !r.skipped).length + 1,
          parts: [text],
          followUps: [],
          score: null,
          skipped: false,
          covered: [],
          missed: [],
          at: ctx.now,
        }
      : { ...previous, parts: [...previous.parts, text] };
  const answers = previous === undefined ? [...session.answers, record] : [...session.answers.slice(0, -1), record];
  const { evaluation, question } = evaluateRecord(session, loaded, record);
  const asked: readonly FollowUpReason[] = live.phase === 'probing' ? live.asked : [];
  const followUp =
    asked.length >= MAX_FOLLOW_UPS
      ? null
      : loaded.evaluator.chooseFollowUp(evaluation, question, { asked, max: MAX_FOLLOW_UPS }, ctx.random);
  if (followUp === null) return conclude({ ...session, answers }, turn, evaluation, loaded, ctx, cut);
  const withFollowUp: AnswerRecord = {
    ...record,
    followUps: [...record.followUps, { reason: followUp.reason, text: followUp.text }],
  };
  const graded = gradeOf(evaluation, question, recordText(record));
  const probing: Live = { phase: 'probing', turn, asked: [...asked, followUp.reason], followUp, graded };
  const next = withState({ ...session, answers: [...answers.slice(0, -1), withFollowUp] }, probing, ctx);
  return { session: next, replies: [...cut, currentPrompt(next, probing, loaded)] };
}

/** Closes the question in progress (the last record) with its evaluation and grade, gives feedback and moves on. */
export function conclude(
  session: Session,
  turn: Turn,
  evaluation: Evaluation,
  loaded: LoadedPack,
  ctx: StepContext,
  before: readonly Reply[] = [],
): StepResult {
  const last = session.answers.at(-1);
  if (last === undefined) return advance(session, turn, loaded, ctx, before);
  const question = loaded.questions.get(last.questionId);
  const done: AnswerRecord = {
    ...last,
    ...(question === undefined
      ? { score: evaluation.score, covered: evaluation.concepts.filter((c) => c.covered).map((c) => c.id), missed: [] }
      : gradeOf(evaluation, question, recordText(last))),
  };
  const answered = { ...session, answers: [...session.answers.slice(0, -1), done] };
  const feedback: Reply = {
    type: 'feedback',
    index: turn.index + 1,
    total: session.questionIds.length,
    feedback:
      question === undefined ? missingFeedback(evaluation) : loaded.evaluator.answerFeedback(evaluation, question),
    ...(turn.retry === null ? {} : { previousScore: turn.retry.previousScore }),
    actions: feedbackActions,
  };
  return advance(answered, turn, loaded, ctx, [...before, feedback]);
}

function missingFeedback(evaluation: Evaluation): Extract<Reply, { type: 'feedback' }>['feedback'] {
  return {
    questionId: evaluation.questionId,
    questionText: '',
    score: evaluation.score,
    breakdown: evaluation.breakdown,
    strengths: [],
    gaps: [],
    star: evaluation.star,
    delivery: [],
    notes: [],
  };
}

/** Moves past a finished turn: the next question, back to where a retry began, or the end of the interview. */
export function advance(
  session: Session,
  turn: Turn,
  loaded: LoadedPack,
  ctx: StepContext,
  before: readonly Reply[],
): StepResult {
  const target = turn.retry === null ? turn.index + 1 : turn.retry.returnTo;
  if (target === 'finished') {
    const at = session.state.phase === 'finished' ? session.state.at : ctx.now;
    const next = withState(session, { phase: 'finished', endedEarly: false, at }, ctx);
    return {
      session: next,
      replies: [...before, notice('That was your retry. The interview is still finished.', ['retry', 'start'])],
    };
  }
  if (target >= session.questionIds.length) return finish(session, loaded, false, ctx, before);
  const nextTurn: Turn = { index: target, retry: null };
  const next = withState(session, { phase: 'asking', turn: nextTurn }, ctx);
  return { session: next, replies: [...before, ask(next, loaded, nextTurn)] };
}
