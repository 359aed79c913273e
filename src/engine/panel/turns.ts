import { type Graded, gradeOf } from '../grade.js';
import type { LoadedPack, StepContext } from '../types.js';
import {
  currentTurn,
  notice,
  panelists,
  participant,
  questionOf,
  questionOrder,
  stay,
  tell,
  withState,
  withTurn,
} from './helpers.js';
import { close } from './summary.js';
import type { PanelActor, PanelReply, PanelResult, PanelSession, PanelTurn } from './types.js';

const MAX_FOLLOW_UPS = 2;

/** The next candidate: present, with turns left; fewest turns taken first, then join order. */
function nextCandidate(session: PanelSession) {
  const taken = (userId: string) => session.turns.filter((t) => t.candidateId === userId).length;
  const eligible = session.participants.filter((p) => taken(p.userId) < session.settings.questionsPerPerson);
  return eligible.reduce<(typeof eligible)[number] | undefined>(
    (best, p) => (best === undefined || taken(p.userId) < taken(best.userId) ? p : best),
    undefined,
  );
}

/** Starts the next turn, or closes the panel when everyone present has had theirs. */
export function nextTurn(
  session: PanelSession,
  loaded: LoadedPack,
  ctx: StepContext,
  before: readonly PanelReply[],
): PanelResult {
  const candidate = nextCandidate(session);
  const order = questionOrder(session, loaded);
  const question = order[session.turns.length % Math.max(1, order.length)];
  if (candidate === undefined || question === undefined) return close(session, loaded, false, ctx, before);
  const turn: PanelTurn = {
    number: session.turns.length + 1,
    candidateId: candidate.userId,
    questionId: question.id,
    parts: [],
    followUps: [],
    score: null,
    covered: [],
    missed: [],
    ratings: [],
    skipped: null,
    startedAt: ctx.now,
  };
  const deadline = ctx.now + session.settings.turnTimeoutMs;
  const next = withState(
    { ...session, turns: [...session.turns, turn] },
    { phase: 'answering', deadline, asked: [], followUp: null },
    ctx,
  );
  const listeners = panelists(next, turn).map((p) => pointsFor(next, turn, p.userId, loaded));
  const ask: PanelReply = {
    type: 'turn',
    to: 'all',
    panelId: next.id,
    turn: turn.number,
    candidate,
    questionText: question.text,
    kind: question.kind,
    deadline,
  };
  return { session: next, replies: [...before, ask, ...listeners] };
}

/** The candidate's answer (or follow-up answer): evaluate the whole answer so far, then probe or open the rating. */
export function onPanelAnswer(
  session: PanelSession,
  by: PanelActor,
  text: string,
  loaded: LoadedPack,
  ctx: StepContext,
): PanelResult {
  const { state } = session;
  const turn = currentTurn(session);
  if (state.phase !== 'answering' || turn === undefined) return stay(session);
  if (by.userId !== turn.candidateId) {
    const name = participant(session, turn.candidateId)?.name ?? 'the candidate';
    return stay(
      session,
      notice({ userId: by.userId }, `It is ${name}'s turn to answer, so your message was not counted.`),
    );
  }
  const trimmed = text.trim().slice(0, 6000);
  if (trimmed === '') return stay(session, notice({ userId: by.userId }, 'Type your answer, or skip your turn.'));
  const question = questionOf(loaded, turn);
  if (question === undefined) return closeAnswer(session, loaded, ctx, []);
  const answered = withTurn(session, { ...turn, parts: [...turn.parts, trimmed] });
  const whole = [...turn.parts, trimmed].join('\n\n');
  const evaluation = loaded.evaluator.evaluate(whole, question, {
    ...(session.settings.role === undefined ? {} : { role: session.settings.role }),
  });
  const graded = gradeOf(evaluation, question, whole);
  const followUp =
    state.asked.length >= MAX_FOLLOW_UPS
      ? null
      : loaded.evaluator.chooseFollowUp(evaluation, question, { asked: state.asked, max: MAX_FOLLOW_UPS }, ctx.random);
  if (followUp === null) return closeAnswer(answered, loaded, ctx, [], graded);
  const current = currentTurn(answered) ?? turn;
  const probed = withTurn(answered, {
    ...current,
    followUps: [...current.followUps, { reason: followUp.reason, text: followUp.text }],
  });
  const candidate = participant(session, turn.candidateId);
  const next = withState(probed, { ...state, asked: [...state.asked, followUp.reason], followUp, graded }, ctx);
  if (candidate === undefined) return closeAnswer(next, loaded, ctx, [], graded);
  return {
    session: next,
    replies: [
      {
        type: 'followUp',
        to: 'all',
        panelId: session.id,
        turn: turn.number,
        candidate,
        text: followUp.text,
        ...(followUp.quote === undefined ? {} : { quote: followUp.quote }),
      },
    ],
  };
}

/**
 * Closes the answer in play: the bot scores it and the panel rates it (or moves on when nobody can rate). `kept` is
 * what was kept of the evaluation of the answer as it stands; without it, the answer is evaluated.
 */
export function closeAnswer(
  session: PanelSession,
  loaded: LoadedPack,
  ctx: StepContext,
  before: readonly PanelReply[],
  kept: Graded | undefined = session.state.phase === 'answering' ? session.state.graded : undefined,
): PanelResult {
  const turn = currentTurn(session);
  if (turn === undefined) return stay(session, ...before);
  const question = questionOf(loaded, turn);
  let scored = turn;
  if (question !== undefined && turn.parts.length > 0) {
    const text = turn.parts.join('\n\n');
    const graded = kept ?? gradeOf(loaded.evaluator.evaluate(text, question, {}), question, text);
    scored = { ...turn, ...graded };
  }
  const next = withTurn(session, scored);
  const raters = panelists(next, scored).map((p) => p.userId);
  if (raters.length === 0) return nextTurn(next, loaded, ctx, before);
  const deadline = ctx.now + next.settings.turnTimeoutMs;
  const candidateName = participant(next, scored.candidateId)?.name ?? 'The candidate';
  const rate: PanelReply = {
    type: 'rate',
    to: 'all',
    panelId: next.id,
    turn: scored.number,
    candidateName,
    raters,
    deadline,
  };
  return { session: withState(next, { phase: 'rating', deadline }, ctx), replies: [...before, rate] };
}

/** Skips the turn in play (no answer, the candidate left, or the host moved on) and starts the next. */
export function skipTurn(
  session: PanelSession,
  reason: NonNullable<PanelTurn['skipped']>,
  loaded: LoadedPack,
  ctx: StepContext,
  text: string,
): PanelResult {
  const turn = currentTurn(session);
  if (turn === undefined) return stay(session);
  if (session.state.phase === 'rating') return nextTurn(session, loaded, ctx, [notice('all', text)]);
  // What was said before the deadline or the skip still counts; only a candidate who left loses the turn.
  if (reason !== 'left' && turn.parts.length > 0) return closeAnswer(session, loaded, ctx, [notice('all', text)]);
  const skipped = withTurn(session, { ...turn, skipped: reason });
  return nextTurn(skipped, loaded, ctx, [notice('all', text)]);
}

/** The talking points of a turn, privately to one panelist. */
function pointsFor(session: PanelSession, turn: PanelTurn, userId: string, loaded: LoadedPack): PanelReply {
  const question = questionOf(loaded, turn);
  const points = (question?.concepts ?? []).flatMap((id) => {
    const concept = loaded.pack.concepts.find((c) => c.id === id);
    return concept === undefined ? [] : [{ label: concept.label, description: concept.description }];
  });
  const candidateName = participant(session, turn.candidateId)?.name ?? 'the candidate';
  return { type: 'talkingPoints', to: { userId }, panelId: session.id, turn: turn.number, candidateName, points };
}

/** The talking points again, for a panelist of the turn in play; an explanation for anyone else. */
export function talkingPoints(session: PanelSession, by: PanelActor, loaded: LoadedPack): readonly PanelReply[] {
  const turn = currentTurn(session);
  if (turn === undefined) return [tell(by, 'There is no turn in play right now.')];
  if (turn.candidateId === by.userId) return [tell(by, 'It is your turn: the talking points are for the others.')];
  if (!panelists(session, turn).some((p) => p.userId === by.userId)) return [tell(by, 'Join the panel to take part.')];
  return [pointsFor(session, turn, by.userId, loaded)];
}
