import type { LoadedPack, StepContext } from '../types.js';
import { currentTurn, panelists, stay, tell, withTurn } from './helpers.js';
import { nextTurn } from './turns.js';
import {
  Criteria,
  type Criterion,
  type Level,
  type PanelActor,
  type PanelResult,
  type PanelSession,
  type Rating,
} from './types.js';

/** Whether every panelist present has rated every criterion of the turn in play. */
export function allRated(session: PanelSession): boolean {
  const turn = currentTurn(session);
  if (turn === undefined) return false;
  return panelists(session, turn).every((p) => {
    const rating = turn.ratings.find((r) => r.raterId === p.userId);
    return rating !== undefined && Criteria.every((c) => rating.scores[c] !== undefined);
  });
}

/** Checks that the actor may rate the turn in play; returns an explanation when not. */
function refusal(session: PanelSession, by: PanelActor, turnNumber: number): string | undefined {
  const turn = currentTurn(session);
  if (session.state.phase !== 'rating' || turn === undefined || turn.number !== turnNumber)
    return 'That rating is for a turn that is no longer open, so it was not counted.';
  if (by.userId === turn.candidateId) return 'You cannot rate your own answer: the others will.';
  if (!panelists(session, turn).some((p) => p.userId === by.userId))
    return 'Only panel participants can rate. Join the panel first.';
  return undefined;
}

function upsert(ratings: readonly Rating[], raterId: string, change: (old: Rating) => Rating, now: number): Rating[] {
  const old = ratings.find((r) => r.raterId === raterId) ?? { raterId, scores: {}, at: now };
  return [...ratings.filter((r) => r.raterId !== raterId), change(old)];
}

/** Records one criterion of one panelist's rating; the rating closes when everyone has rated everything. */
export function onRate(
  session: PanelSession,
  by: PanelActor,
  turnNumber: number,
  criterion: Criterion,
  level: Level,
  loaded: LoadedPack,
  ctx: StepContext,
): PanelResult {
  const why = refusal(session, by, turnNumber);
  const turn = currentTurn(session);
  if (why !== undefined || turn === undefined) return stay(session, tell(by, why ?? 'Nothing to rate now.'));
  const ratings = upsert(
    turn.ratings,
    by.userId,
    (old) => ({ ...old, scores: { ...old.scores, [criterion]: level }, at: ctx.now }),
    ctx.now,
  );
  const next = { ...withTurn(session, { ...turn, ratings }), updatedAt: ctx.now };
  if (allRated(next)) return nextTurn(next, loaded, ctx, []);
  return stay(next);
}

/** Adds a panelist's one-line comment to their rating. */
export function onComment(
  session: PanelSession,
  by: PanelActor,
  turnNumber: number,
  text: string,
  ctx: StepContext,
): PanelResult {
  const why = refusal(session, by, turnNumber);
  const turn = currentTurn(session);
  if (why !== undefined || turn === undefined) return stay(session, tell(by, why ?? 'Nothing to rate now.'));
  const comment = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  if (comment === '') return stay(session, tell(by, 'The comment was empty, so nothing changed.'));
  const ratings = upsert(turn.ratings, by.userId, (old) => ({ ...old, comment, at: ctx.now }), ctx.now);
  return stay({ ...withTurn(session, { ...turn, ratings }), updatedAt: ctx.now }, tell(by, 'Comment saved.'));
}
