import type { PanelReply } from '../../src/engine/index.js';
import type { Panels } from '../../src/runtime/index.js';
import type { HandlerDeps } from './interactions.js';
import type { Lobbies } from './panel-memory.js';

/** What panels add to the adapter: the panel runtime, whether typed answers are read, and where lobbies are. */
export type PanelWiring = {
  readonly panels: Panels;
  /** The Message Content intent is on: a candidate's messages typed in the thread count as answers. */
  readonly typedAnswers: boolean;
  readonly lobbies: Lobbies;
};

/** The handler dependencies when panels are switched on. */
export type PanelDeps = HandlerDeps & { readonly panel: PanelWiring };

/** Whether the replies say something privately to `userId`: the engine refused or explained something to them. */
export function toldPrivately(replies: readonly PanelReply[], userId: string): boolean {
  return replies.some((r) => r.type === 'notice' && r.to !== 'all' && r.to.userId === userId);
}

/** Whether `userId` is in the panel after these replies (a lobby lists them, and nothing refused them). */
export function listedIn(replies: readonly PanelReply[], userId: string): boolean {
  return (
    !toldPrivately(replies, userId) &&
    replies.some((r) => r.type === 'lobby' && r.participants.some((p) => p.userId === userId))
  );
}

/** Whether the replies hold talking points of a turn other than `turn`: a Talking points button of an earlier turn. */
export function pointsOfAnotherTurn(replies: readonly PanelReply[], turn: number): boolean {
  return replies.some((r) => r.type === 'talkingPoints' && r.turn !== turn);
}
