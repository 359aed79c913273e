import { describe, expect, it } from 'vitest';
import {
  type Library,
  type PanelEvent,
  type PanelReply,
  type PanelSession,
  PanelSessionSchema,
  stepPanel,
} from '../../src/engine/index.js';
import { countingLibrary, customerService, variedAnswers } from './grades.helpers.js';
import { ctxFor, library } from './helpers.js';
import { answerUntilRating, begunPanel, ben, host, T0 } from './panel.helpers.js';

const loaded = customerService();

const stepWith = (session: PanelSession | undefined, event: PanelEvent, lib: Library, at: number) =>
  stepPanel(session, event, { ...ctxFor(7, at), library: lib });

/**
 * Hana's turn answered and its rating closed at the deadline; Ben's turn answered with a short answer, a follow-up
 * pending: the panel the host is about to end.
 */
function panelAboutToEnd(): PanelSession {
  const rating = answerUntilRating(begunPanel().session, host).session;
  if (rating?.state.phase !== 'rating') throw new Error('expected the rating to open');
  const next = stepPanel(rating, { type: 'tick' }, ctxFor(1, rating.state.deadline + 1));
  const answered = stepPanel(
    next.session,
    { type: 'answer', by: ben, text: variedAnswers[1] ?? '' },
    ctxFor(2, T0 + 1e9),
  );
  if (answered.session?.state.phase !== 'answering' || answered.session.state.followUp === null)
    throw new Error("expected a follow-up on Ben's answer");
  return answered.session;
}

/** Each turn's feedback as evaluating its text gives it. */
function reevaluatedFeedback(session: PanelSession) {
  return session.turns.flatMap((turn) => {
    const question = loaded.questions.get(turn.questionId);
    if (question === undefined || turn.parts.length === 0) return [];
    const evaluation = loaded.evaluator.evaluate(turn.parts.join('\n\n'), question);
    return [{ userId: turn.candidateId, feedback: loaded.evaluator.answerFeedback(evaluation, question), evaluation }];
  });
}

const privateFeedback = (replies: readonly PanelReply[]) =>
  replies.flatMap((r) => (r.type === 'feedback' ? [{ userId: r.to.userId, feedback: r.feedback }] : []));

describe('panel: closing from the grades kept at each answer', () => {
  it("scores the turn in play and sends each candidate's feedback without evaluating anything", () => {
    const session = panelAboutToEnd();
    const counting = countingLibrary();
    const { session: closed, replies } = stepWith(session, { type: 'end', by: host }, counting.library, T0 + 2e9);
    expect(counting.evaluations()).toBe(0);
    if (closed === undefined) throw new Error('expected the closed panel');
    const expected = reevaluatedFeedback(closed);
    expect(privateFeedback(replies)).toEqual(expected.map(({ userId, feedback }) => ({ userId, feedback })));
    expect(closed.turns.map((t) => t.score)).toEqual(expected.map((e) => e.evaluation.score));
    expect(closed.turns.every((t) => t.grade !== undefined)).toBe(true);
    expect(PanelSessionSchema.safeParse(JSON.parse(JSON.stringify(closed))).success).toBe(true);
  });

  it('evaluates again, with the same result, a panel stored before grades were kept', () => {
    const session = panelAboutToEnd();
    const { state } = session;
    if (state.phase !== 'answering') throw new Error('expected a turn in play');
    const { graded: _graded, ...unkept } = state;
    const old = PanelSessionSchema.parse({
      ...session,
      turns: session.turns.map(({ grade: _grade, ...turn }) => turn),
      state: unkept,
    });
    const counting = countingLibrary();
    const then = stepWith(old, { type: 'end', by: host }, counting.library, T0 + 2e9);
    // Ben's turn in play is evaluated when it is scored, and keeps its grade; Hana's, closed before, has none.
    expect(counting.evaluations()).toBe(2);
    const now = stepWith(session, { type: 'end', by: host }, library, T0 + 2e9);
    expect(then.replies).toEqual(now.replies);
    expect(then.session?.turns.map((t) => t.score)).toEqual(now.session?.turns.map((t) => t.score));
  });
});
