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
