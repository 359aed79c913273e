import type { OutboundReply } from '../../src/runtime/index.js';

/** Where a user's interview messages go: their DMs, or the private thread opened when their DMs were closed. */
export type Target = { readonly kind: 'dm' } | { readonly kind: 'thread'; readonly channelId: string };

/**
 * Per-user delivery state, in memory only: the target (DMs unless a private thread was opened) and the replies held
 * back while DMs were closed. After a restart every user is back on DMs until they use a button in their thread.
 */
export class Deliveries {
  readonly #threads = new Map<string, string>();
  readonly #held = new Map<string, readonly OutboundReply[]>();

  /** The user's current target. */
  target(userId: string): Target {
    const channelId = this.#threads.get(userId);
    return channelId === undefined ? { kind: 'dm' } : { kind: 'thread', channelId };
  }

  /** Whether `channelId` is the user's interview thread. */
  isThreadOf(userId: string, channelId: string): boolean {
    return this.#threads.get(userId) === channelId;
  }

  useDm(userId: string): void {
    this.#threads.delete(userId);
  }

  useThread(userId: string, channelId: string): void {
    this.#threads.set(userId, channelId);
  }

  /** Keeps replies that could not be delivered, to send once the user picks another place. */
  hold(userId: string, replies: readonly OutboundReply[]): void {
    this.#held.set(userId, [...(this.#held.get(userId) ?? []), ...replies]);
  }

  /** Takes (and clears) the held replies. */
  take(userId: string): readonly OutboundReply[] {
    const held = this.#held.get(userId) ?? [];
    this.#held.delete(userId);
    return held;
  }

  /** Drops everything kept for the user (after `forget`). */
  forget(userId: string): void {
    this.#threads.delete(userId);
    this.#held.delete(userId);
  }
}
