import type { LoadedPack, StepContext } from '../types.js';
import { canManage, currentTurn, lobby, notice, participant, stay, tell } from './helpers.js';
import { onBegin, onEnd, onJoin, onSkip, openPanel, removeParticipant } from './lobby.js';
import { onComment, onRate } from './ratings.js';
import { nextTurn, onPanelAnswer, skipTurn, talkingPoints } from './turns.js';
import type { PanelActor, PanelEvent, PanelResult, PanelSession } from './types.js';

/** Advances one panel by one event. Pure and total: an event that does not fit changes nothing and says why. */
export function stepPanel(session: PanelSession | undefined, event: PanelEvent, ctx: StepContext): PanelResult {
  if (session === undefined || session.state.phase === 'closed') {
    if (event.type === 'open') return openPanel(event.by, event.options, ctx);
    if (event.type === 'tick') return stay(session);
    return stay(session, tell(event.by, 'There is no panel running in this channel. Open one to begin.'));
  }
  const loaded = ctx.library.packs.get(session.settings.packId);
  if (loaded === undefined) {
    if (event.type === 'tick') return stay(session);
    return stay(session, tell(event.by, "This panel's questions are no longer available; open a new panel."));
  }
  if (event.type === 'tick') return onTick(session, loaded, ctx);
  const { by } = event;
  const member = participant(session, by.userId) !== undefined;
  switch (event.type) {
    case 'open':
      return stay(session, tell(by, 'A panel is already running in this channel.'), lobby(session));
    case 'join':
      return onJoin(session, by, ctx);
    case 'leave':
      return member
        ? removeParticipant(session, by.userId, loaded, ctx, 'left')
        : stay(session, tell(by, 'You are not in this panel.'));
    case 'begin':
      return onBegin(session, by, loaded, ctx);
    case 'answer':
      if (!member) return stay(session, tell(by, 'Join the panel to take part.'));
      if (stale(session, event.turn))
        return stay(session, tell(by, 'That was for an earlier turn, so it was not counted.'));
      return onPanelAnswer(session, by, event.text, loaded, ctx);
    case 'rate':
      return onRate(session, by, event.turn, event.criterion, event.level, loaded, ctx);
    case 'comment':
      return onComment(session, by, event.turn, event.text, ctx);
    case 'skip':
      if (stale(session, event.turn)) return stay(session, tell(by, 'That turn is already over, so nothing changed.'));
      return onSkip(session, by, loaded, ctx);
    case 'points':
      return stay(session, ...talkingPoints(session, by, loaded));
    case 'remove':
      if (!canManage(session, by))
        return stay(session, tell(by, 'Only the host (or a channel manager) can remove someone.'));
      if (participant(session, event.userId) === undefined)
        return stay(session, tell(by, 'That person is not in this panel.'));
      return removeParticipant(session, event.userId, loaded, ctx, 'removed');
    case 'end':
      return onEnd(session, by, loaded, ctx);
    case 'status':
      return stay(session, tell(by, status(session)));
    default:
      return event satisfies never;
  }
}

/** Whether an event names a turn other than the one in play. */
function stale(session: PanelSession, turn: number | undefined): boolean {
  return turn !== undefined && currentTurn(session)?.number !== turn;
}

/** Deadlines: an unanswered turn is skipped, an open rating is closed with the ratings given. */
function onTick(session: PanelSession, loaded: LoadedPack, ctx: StepContext): PanelResult {
  const { state } = session;
  if (state.phase === 'answering' && ctx.now >= state.deadline)
    return skipTurn(session, 'timeout', loaded, ctx, 'Time is up for this turn, so the panel moves on.');
  if (state.phase === 'rating' && ctx.now >= state.deadline)
    return nextTurn(session, loaded, ctx, [notice('all', 'Rating time is up; the ratings given are kept.')]);
  return stay(session);
}

function status(session: PanelSession): string {
  const turn = currentTurn(session);
  const who = turn === undefined ? undefined : participant(session, turn.candidateId)?.name;
  const people = session.participants.map((p) => p.name).join(', ');
  switch (session.state.phase) {
    case 'lobby':
      return `In the lobby with ${people}. The host starts when ready.`;
    case 'answering':
      return `Turn ${turn?.number}: ${who ?? 'someone'} is answering. Participants: ${people}.`;
    case 'rating':
      return `Turn ${turn?.number}: the panel is rating ${who ?? 'the answer'}. Participants: ${people}.`;
    case 'closed':
      return 'This panel is over.';
    default:
      return session.state satisfies never;
  }
}

/** The next moment a panel needs a tick, if any: the deadline in play. */
export function nextDeadline(session: PanelSession): number | undefined {
  const { state } = session;
  return state.phase === 'answering' || state.phase === 'rating' ? state.deadline : undefined;
}

export type { PanelActor };
