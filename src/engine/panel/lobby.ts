import { randomId } from '../random.js';
import type { LoadedPack, StepContext } from '../types.js';
import {
  canManage,
  currentTurn,
  lobby,
  MIN_PARTICIPANTS,
  notice,
  participant,
  stay,
  tell,
  withState,
} from './helpers.js';
import { allRated } from './ratings.js';
import { close } from './summary.js';
import { closeAnswer, nextTurn, skipTurn } from './turns.js';
import type { PanelActor, PanelOptions, PanelResult, PanelSession } from './types.js';

/** Questions each participant answers when the host does not say. */
export const DEFAULT_QUESTIONS_PER_PERSON = 2;
/** How long a candidate has to answer, and the panel to rate, when the host does not say: five minutes. */
export const DEFAULT_TURN_TIMEOUT_MS = 5 * 60_000;

/** Opens a panel in a channel with the host as its first participant. */
export function openPanel(by: PanelActor, options: PanelOptions, ctx: StepContext): PanelResult {
  const packId = options.pack ?? ctx.library.defaultPackId;
  if (!ctx.library.packs.has(packId)) return stay(undefined, tell(by, `There is no question pack called "${packId}".`));
  const wanted = options.questionsPerPerson ?? DEFAULT_QUESTIONS_PER_PERSON;
  const timeout = options.turnTimeoutMs ?? DEFAULT_TURN_TIMEOUT_MS;
  const session: PanelSession = {
    kind: 'panel',
    id: randomId(ctx.random),
    hostId: by.userId,
    settings: {
      packId,
      questionsPerPerson: Number.isInteger(wanted) ? Math.max(1, Math.min(wanted, 5)) : DEFAULT_QUESTIONS_PER_PERSON,
      seed: options.seed ?? Math.floor(ctx.random() * 2 ** 31),
      turnTimeoutMs: Number.isFinite(timeout)
        ? Math.max(10_000, Math.min(timeout, 60 * 60_000))
        : DEFAULT_TURN_TIMEOUT_MS,
      ...(options.role === undefined ? {} : { role: options.role }),
    },
    participants: [{ userId: by.userId, name: by.name, joinedAt: ctx.now }],
    turns: [],
    state: { phase: 'lobby' },
    createdAt: ctx.now,
    updatedAt: ctx.now,
    seenEventIds: [],
    archived: false,
  };
  return { session, replies: [lobby(session)] };
}

/** Joins the panel: into the lobby, or into the rotation of a panel under way. */
export function onJoin(session: PanelSession, by: PanelActor, ctx: StepContext): PanelResult {
  if (participant(session, by.userId) !== undefined) return stay(session, tell(by, 'You are already in this panel.'));
  const participants = [...session.participants, { userId: by.userId, name: by.name, joinedAt: ctx.now }];
  const next = { ...session, participants, updatedAt: ctx.now };
  const says = session.state.phase === 'lobby' ? [] : [notice('all', `${by.name} joined and enters the rotation.`)];
  return { session: next, replies: [...says, lobby(next)] };
}

/** Removes a participant (leaving, or removed by the host); a candidate mid-turn is skipped. */
export function removeParticipant(
  session: PanelSession,
  userId: string,
  loaded: LoadedPack,
  ctx: StepContext,
  how: 'left' | 'removed',
): PanelResult {
  const leaving = participant(session, userId);
  if (leaving === undefined) return stay(session);
  const why = how === 'left' ? `${leaving.name} left the panel.` : `The host removed ${leaving.name} from the panel.`;
  const participants = session.participants.filter((p) => p.userId !== userId);
  const hostId = session.hostId === userId ? (participants[0]?.userId ?? session.hostId) : session.hostId;
  const next = { ...session, participants, hostId, updatedAt: ctx.now };
  // The lobby message lists who is in, so it is refreshed whenever someone goes.
  const said = [notice('all', why), lobby(next)];
  if (session.state.phase === 'lobby') return { session: next, replies: said };
  if (participants.length === 0) return close(next, loaded, true, ctx, said);
  const turn = currentTurn(next);
  if (turn?.candidateId === userId) {
    const text =
      how === 'left' ? `${leaving.name} left mid-turn, so their turn is skipped.` : `${why} Their turn is skipped.`;
    const skipped = skipTurn(next, 'left', loaded, ctx, text);
    return { ...skipped, replies: [lobby(next), ...skipped.replies] };
  }
  // A panelist leaving may have been the last rating we were waiting for.
  if (next.state.phase === 'rating' && turn !== undefined && allRated(next)) return nextTurn(next, loaded, ctx, said);
  return { session: next, replies: said };
}

/** The host starts the rounds. */
export function onBegin(session: PanelSession, by: PanelActor, loaded: LoadedPack, ctx: StepContext): PanelResult {
  if (!canManage(session, by))
    return stay(session, tell(by, 'Only the host (or a channel manager) can start the panel.'));
  if (session.state.phase !== 'lobby') return stay(session, tell(by, 'The panel has already started.'));
  if (session.participants.length < MIN_PARTICIPANTS)
    return stay(
      session,
      tell(by, `A panel needs at least ${MIN_PARTICIPANTS} people: one answers while the others listen.`),
    );
  return nextTurn(withState(session, session.state, ctx), loaded, ctx, [notice('all', 'The panel begins.')]);
}

/** The host skips the turn in play; a candidate may pass on their own turn. */
export function onSkip(session: PanelSession, by: PanelActor, loaded: LoadedPack, ctx: StepContext): PanelResult {
  const turn = currentTurn(session);
  if (turn === undefined) return stay(session, tell(by, 'There is no turn to skip right now.'));
  const own = by.userId === turn.candidateId && session.state.phase === 'answering';
  if (!own && !canManage(session, by))
    return stay(session, tell(by, 'Only the host (or a channel manager) can skip a turn.'));
  if (session.state.phase === 'rating')
    return nextTurn(session, loaded, ctx, [notice('all', 'Rating closed by the host.')]);
  return skipTurn(
    session,
    own ? 'candidate' : 'host',
    loaded,
    ctx,
    own ? 'The candidate passed.' : 'The host skipped this turn.',
  );
}

/** The host ends the panel: the summary comes now, with what was answered. */
export function onEnd(session: PanelSession, by: PanelActor, loaded: LoadedPack, ctx: StepContext): PanelResult {
  if (!canManage(session, by))
    return stay(session, tell(by, 'Only the host (or a channel manager) can end the panel.'));
  const turn = currentTurn(session);
  if (session.state.phase === 'answering' && turn !== undefined && turn.parts.length > 0) {
    const scored = closeAnswer(session, loaded, ctx, []);
    return close(scored.session ?? session, loaded, true, ctx, [notice('all', 'The host ended the panel.')]);
  }
  return close(session, loaded, true, ctx, [notice('all', 'The host ended the panel.')]);
}
