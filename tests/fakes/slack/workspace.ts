import type { FakeIdentity, IdSource } from './ids.js';
import type { Json } from './json.js';
import { Members } from './members.js';

/** A message the app posted, as Slack stores and returns it. */
export type SlackMessage = {
  readonly type: 'message';
  readonly channel: string;
  readonly ts: string;
  readonly user: string;
  readonly bot_id: string;
  readonly app_id: string;
  readonly team: string;
  readonly text: string;
  readonly blocks: readonly unknown[];
  /** On a reply: its parent's ts. On a parent with replies: its own ts, as Slack marks a thread's parent. */
  readonly thread_ts?: string;
  /** On a reply: who wrote the parent. */
  readonly parent_user_id?: string;
  /** On a parent: how many of the app's replies its thread has, and the newest one's ts. */
  readonly reply_count?: number;
  readonly latest_reply?: string;
  readonly edited?: { readonly user: string; readonly ts: string };
};

/** An ephemeral message the app sent: seen by one user only, and never stored in the channel's history. */
export type EphemeralMessage = {
  readonly channel: string;
  readonly user: string;
  readonly text: string;
  readonly blocks: readonly unknown[];
  readonly thread_ts?: string;
  readonly message_ts: string;
  /**
   * Whether Slack shows it: an ephemeral message for a thread shows only once the thread exists (its parent has a
   * reply); for a parent with none it is accepted and silently never seen.
   */
  readonly shown: boolean;
};

/** A view (App Home or modal) as Slack stores it. */
export type SlackView = Json & { readonly id: string; readonly hash: string };

/** Where a response URL posts: the conversation and, for a click on a message, that message. */
export type ResponseTarget = { readonly channel: string | undefined; readonly messageTs: string | undefined };

/** A response URL's state: Slack allows 5 uses in 30 minutes. */
type ResponseUrl = ResponseTarget & { uses: number; readonly issuedAt: number };

/** Why a trigger id cannot open a view. */
export type TriggerCheck = 'ok' | 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id';

const userIdPattern = /^[UW][A-Z0-9]{2,}$/;
const channelIdPattern = /^[CDG][A-Z0-9]{2,}$/;

/** The fake workspace's state: channels, DMs, the app's messages, views, triggers and response URLs. */
export class Workspace {
  readonly #channels = new Set<string>();
  readonly #dms = new Map<string, string>();
  readonly #messages = new Map<string, SlackMessage[]>();
  readonly #views = new Map<string, SlackView>();
  readonly #homes = new Map<string, string>();
  readonly #triggers = new Map<string, { readonly issuedAt: number; used: boolean }>();
  readonly #responseUrls = new Map<string, ResponseUrl>();
  readonly #ephemerals: EphemeralMessage[] = [];
  /** The people of the workspace, for users.info. */
  readonly members = new Members();

  constructor(
    readonly identity: FakeIdentity,
    readonly ids: IdSource,
    readonly now: () => number,
    readonly triggerTtlMs: number,
    channels: readonly string[],
    /** Keeps only the newest messages of each channel, this many (all when undefined): see `FakeSlackOptions`. */
    readonly historyPerChannel?: number,
  ) {
    for (const channel of channels) this.#channels.add(channel);
  }

  /** Whether `id` looks like a user id (U… or W…). */
  static isUserId(id: string): boolean {
    return userIdPattern.test(id);
  }

  /** Makes `channel` known, so the app may post there (the fake does this for every channel it sends from). */
  addChannel(channel: string): void {
    if (channelIdPattern.test(channel)) this.#channels.add(channel);
  }

  /** The app's DM channel with `user`, opened on first use. */
  dmChannel(user: string): string {
    const known = this.#dms.get(user);
    if (known !== undefined) return known;
    const channel = this.ids.dmChannel();
    this.#dms.set(user, channel);
    this.#channels.add(channel);
    return channel;
  }

  /** The channel a `channel` argument names: a known channel id, or a user id meaning the DM with that user. */
  resolveChannel(channel: string): string | undefined {
    if (Workspace.isUserId(channel)) return this.dmChannel(channel);
    return this.#channels.has(channel) ? channel : undefined;
  }

  /** The user on the other side of a DM channel, if it is one. */
  dmUser(channel: string): string | undefined {
    for (const [user, dm] of this.#dms) if (dm === channel) return user;
    return undefined;
  }

  /** The app's messages in `channel`, oldest first, as edited since. */
  messages(channel: string): readonly SlackMessage[] {
    return [...(this.#messages.get(channel) ?? [])];
  }

  /** One of the app's messages, or `undefined`. */
  message(channel: string, ts: string): SlackMessage | undefined {
    return this.#messages.get(channel)?.find((m) => m.ts === ts);
  }

  /** Stores a new message from the app in `channel` and gives it a fresh `ts`; a reply marks its thread's parent. */
  post(channel: string, text: string, blocks: readonly unknown[], threadTs: string | undefined): SlackMessage {
    const { botUserId, botId, appId, teamId } = this.identity;
    const list = this.#messages.get(channel) ?? [];
    const parentIndex = threadTs === undefined ? -1 : list.findIndex((m) => m.ts === threadTs);
    const parent = list[parentIndex];
    const message: SlackMessage = {
      type: 'message',
      channel,
      ts: this.ids.ts(),
      user: botUserId,
      bot_id: botId,
      app_id: appId,
      team: teamId,
      text,
      blocks,
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      ...(parent === undefined ? {} : { parent_user_id: parent.user }),
    };
    if (parent !== undefined)
      list[parentIndex] = {
        ...parent,
        thread_ts: parent.ts,
        reply_count: (parent.reply_count ?? 0) + 1,
        latest_reply: message.ts,
      };
    list.push(message);
    const limit = this.historyPerChannel;
    if (limit !== undefined && list.length > limit) list.splice(0, list.length - limit);
    this.#messages.set(channel, list);
    return message;
  }

  /** Records an ephemeral message for `user`, shown only if its thread (when it names one) already exists. */
  postEphemeral(
    channel: string,
    user: string,
    text: string,
    blocks: readonly unknown[],
    threadTs: string | undefined,
  ): EphemeralMessage {
    const parent = threadTs === undefined ? undefined : this.message(channel, threadTs);
    const shown = threadTs === undefined || (parent?.reply_count ?? 0) > 0;
    const message: EphemeralMessage = {
      channel,
      user,
      text,
      blocks,
      ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
      message_ts: this.ids.ts(),
      shown,
    };
    this.#ephemerals.push(message);
    return message;
  }

  /** The ephemeral messages the app sent to `user`, oldest first. */
  ephemerals(user: string): readonly EphemeralMessage[] {
    return this.#ephemerals.filter((m) => m.user === user);
  }

  /** Replaces a message's text and/or blocks; `undefined` when there is no such message. */
  edit(
    channel: string,
    ts: string,
    text: string | undefined,
    blocks: readonly unknown[] | undefined,
  ): SlackMessage | undefined {
    const list = this.#messages.get(channel) ?? [];
    const index = list.findIndex((m) => m.ts === ts);
    const old = list[index];
    if (old === undefined) return undefined;
    const edited: SlackMessage = {
      ...old,
      text: text ?? old.text,
      blocks: blocks ?? old.blocks,
      edited: { user: this.identity.botUserId, ts: this.ids.ts() },
    };
    list[index] = edited;
    return edited;
  }

  /** Deletes a message; `false` when there is no such message. */
  remove(channel: string, ts: string): boolean {
    const list = this.#messages.get(channel) ?? [];
    const index = list.findIndex((m) => m.ts === ts);
    if (index < 0) return false;
    list.splice(index, 1);
    return true;
  }

  /** Stores a view (new or replacing one with the same id). */
  saveView(view: SlackView): void {
    this.#views.set(view.id, view);
  }

  /** A view by id. */
  view(id: string): SlackView | undefined {
    return this.#views.get(id);
  }

  /** A view by the `external_id` the app gave it (never matching the empty id of views without one). */
  viewByExternalId(externalId: string): SlackView | undefined {
    if (externalId === '') return undefined;
    return [...this.#views.values()].find((v) => v.external_id === externalId);
  }

  /** The App Home view published for `user`, if any. */
  homeView(user: string): SlackView | undefined {
    const id = this.#homes.get(user);
    return id === undefined ? undefined : this.#views.get(id);
  }

  /** Records `viewId` as `user`'s App Home. */
  setHome(user: string, viewId: string): void {
    this.#homes.set(user, viewId);
  }

  /** Issues a trigger id, valid once for `triggerTtlMs` (3 s on Slack). */
  issueTrigger(): string {
    const id = this.ids.trigger();
    this.#triggers.set(id, { issuedAt: this.now(), used: false });
    return id;
  }

  /** Uses up a trigger id, saying why it cannot be used when it cannot. */
  useTrigger(id: string): TriggerCheck {
    const trigger = this.#triggers.get(id);
    if (trigger === undefined) return 'invalid_trigger_id';
    if (trigger.used) return 'exchanged_trigger_id';
    if (this.now() - trigger.issuedAt > this.triggerTtlMs) return 'expired_trigger_id';
    trigger.used = true;
    return 'ok';
  }

  /** Issues a response URL id for a command or a click in `target`. */
  issueResponseUrl(target: ResponseTarget): string {
    const id = this.ids.hex(12);
    this.#responseUrls.set(id, { ...target, uses: 0, issuedAt: this.now() });
    return id;
  }

  /** Uses a response URL once; `undefined` when unknown, `'used_url'` after 5 uses or 30 minutes. */
  useResponseUrl(id: string): ResponseTarget | 'used_url' | undefined {
    const url = this.#responseUrls.get(id);
    if (url === undefined) return undefined;
    if (url.uses >= 5 || this.now() - url.issuedAt > 30 * 60_000) return 'used_url';
    url.uses += 1;
    return { channel: url.channel, messageTs: url.messageTs };
  }
}
