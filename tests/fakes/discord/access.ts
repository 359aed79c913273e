import { ChannelType, PermissionFlagsBits } from 'discord-api-types/v10';
import { type FakeChannel, MEMBER_PERMISSIONS } from './payloads.js';

/**
 * Who may do what: each member's permissions (what interactions carry as `member.permissions`), the bot's own (as
 * `app_permissions`, and what thread routes check), and who is in each thread. One set of permissions per user for
 * every channel: the fake has no roles or overwrites.
 */
export class Access {
  #bot = BigInt(MEMBER_PERMISSIONS);
  readonly #members = new Map<string, bigint>();
  readonly #threads = new Map<string, Set<string>>();

  /** The bot's permissions (default: what every member has, Create Private Threads included). */
  get botPermissions(): bigint {
    return this.#bot;
  }

  set botPermissions(bits: bigint) {
    this.#bot = bits;
  }

  /** Whether the bot has every permission in `bits`. */
  botHas(bits: bigint): boolean {
    return (this.#bot & bits) === bits;
  }

  /** A member's permissions (default: what @everyone has in the fake). */
  permissionsOf(userId: string): bigint {
    return this.#members.get(userId) ?? BigInt(MEMBER_PERMISSIONS);
  }

  setPermissions(userId: string, bits: bigint): void {
    this.#members.set(userId, bits);
  }

  /** Adds a user to a thread; false when they were in it already. */
  joinThread(threadId: string, userId: string): boolean {
    const members = this.#threads.get(threadId) ?? new Set<string>();
    const added = !members.has(userId);
    members.add(userId);
    this.#threads.set(threadId, members);
    return added;
  }

  /** The ids of a thread's members, in the order they joined. */
  threadMembers(threadId: string): string[] {
    return [...(this.#threads.get(threadId) ?? [])];
  }

  /** Whether a user sees a channel: everyone sees everything but private threads, open to members and moderators. */
  canSee(channel: FakeChannel, userId: string): boolean {
    if (channel.type !== ChannelType.PrivateThread) return true;
    if (this.#threads.get(channel.id)?.has(userId) === true) return true;
    return (this.permissionsOf(userId) & PermissionFlagsBits.ManageThreads) !== 0n;
  }
}
