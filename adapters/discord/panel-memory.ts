import type { PanelReply } from '../../src/engine/index.js';

type PointsReply = PanelReply & { readonly type: 'talkingPoints' };

/** The talking points of the turn in play in one thread, and the panelists they were meant for. */
export type TurnPoints = {
  readonly turn: number;
  readonly candidateName: string;
  readonly points: PointsReply['points'];
  readonly panelists: ReadonlySet<string>;
};

/**
 * The talking points of each panel's turn in play, kept in memory: Discord shows something privately only in answer
 * to that person's own interaction, so they wait here for the panelist's click on "Talking points". A restart loses
 * them until the next turn (the turn message says so when clicked).
 */
export class TalkingPoints {
  readonly #byThread = new Map<string, { turn: number; candidateName: string; points: PointsReply['points'] }>();
  readonly #panelists = new Map<string, Set<string>>();

  /** Keeps one panelist's points; a new turn replaces the previous one's. */
  remember(threadId: string, reply: PointsReply): void {
    const known = this.#byThread.get(threadId);
    if (known?.turn !== reply.turn) {
      this.#byThread.set(threadId, { turn: reply.turn, candidateName: reply.candidateName, points: reply.points });
      this.#panelists.set(threadId, new Set());
    }
    this.#panelists.get(threadId)?.add(reply.to.userId);
  }

  /** The points of `turn` in a thread, if that is the turn remembered. */
  get(threadId: string, turn: number): TurnPoints | undefined {
    const known = this.#byThread.get(threadId);
    if (known?.turn !== turn) return undefined;
    return { ...known, panelists: this.#panelists.get(threadId) ?? new Set() };
  }

  /** The turn whose points are kept for a thread, if any. */
  turnOf(threadId: string): number | undefined {
    return this.#byThread.get(threadId)?.turn;
  }

  /** Drops a finished panel's points. */
  forget(threadId: string): void {
    this.#byThread.delete(threadId);
    this.#panelists.delete(threadId);
  }
}

/** Where a panel's lobby message is (in the channel the panel was opened from). */
export type LobbyMessage = { readonly channelId: string; readonly messageId: string };

/**
 * The lobby message of each panel, in memory, so a join or leave made elsewhere (a command in the thread) can update
 * it. After a restart it is learnt again from the next click on the lobby itself.
 */
export class Lobbies {
  readonly #byThread = new Map<string, LobbyMessage>();

  remember(threadId: string, message: LobbyMessage): void {
    this.#byThread.set(threadId, message);
  }

  get(threadId: string): LobbyMessage | undefined {
    return this.#byThread.get(threadId);
  }

  forget(threadId: string): void {
    this.#byThread.delete(threadId);
  }
}
