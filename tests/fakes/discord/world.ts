import { randomBytes } from 'node:crypto';
import {
  type APIApplicationCommand,
  type APIDMChannel,
  type APIInteraction,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
  type APIThreadChannel,
  type APIUser,
  ChannelType,
  type InteractionResponseType,
} from 'discord-api-types/v10';
import { Access } from './access.js';
import { dmChannelPayload, type FakeChannel, memberPayload, textChannelPayload, userPayload } from './payloads.js';
import { type Clock, createSnowflakes } from './snowflake.js';

/** Names a user: a string is a username (the user is created on first use), an object an existing user's id. */
export type UserRef = string | { readonly id: string };

/** A guild the fake serves: its name and the names of its text channels (default `['general']`). */
export interface FakeGuildInput {
  /**
   * Its snowflake (default: a new one). Which shard gets a guild's events depends on its id (`shardOfGuild`), so a
   * sharding test picks ids; one must not collide with an id the fake made or will make (take one from the past).
   */
  readonly id?: string;
  readonly name?: string;
  readonly channels?: readonly string[];
}

/** A guild as the fake keeps it; every known user is a member. */
export interface GuildState {
  readonly id: string;
  readonly name: string;
  readonly ownerId: string;
  readonly joinedAt: string;
  readonly channelIds: readonly string[];
}

/** An interaction the fake sent, with what the bot has done about it so far. */
export interface InteractionState {
  readonly id: string;
  readonly token: string;
  readonly kind: 'command' | 'component' | 'modal';
  readonly createdAt: number;
  readonly user: APIUser;
  readonly guildId: string | null;
  readonly channelId: string;
  readonly payload: APIInteraction;
  /** The message a component sits on (for a modal: the one its opening component sat on). */
  readonly sourceMessageId: string | null;
  acknowledgedWith: InteractionResponseType | null;
  originalMessageId: string | null;
  shownModal: APIModalInteractionResponseCallbackData | null;
  readonly followUpIds: Set<string>;
}

/** Everything the fake Discord knows: users, guilds, channels, messages, interactions and commands. */
export class World {
  readonly clock: Clock;
  readonly nextId: () => string;
  readonly bot: APIUser;
  readonly applicationId: string;
  readonly token: string;
  readonly closedDms = new Set<string>();
  /** Permissions and thread membership. */
  readonly access = new Access();
  readonly globalCommands: APIApplicationCommand[] = [];
  readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  readonly #users = new Map<string, APIUser>();
  readonly #guilds = new Map<string, GuildState>();
  readonly #channels = new Map<string, FakeChannel>();
  readonly #dmByUser = new Map<string, string>();
  readonly #messages = new Map<string, APIMessage>();
  readonly #interactions = new Map<string, InteractionState>();
  readonly #interactionsByToken = new Map<string, InteractionState>();

  constructor(clock: Clock, botName: string, token?: string) {
    this.clock = clock;
    this.nextId = createSnowflakes(clock);
    this.applicationId = this.nextId();
    this.bot = userPayload(this.applicationId, botName, true);
    this.#users.set(this.bot.id, this.bot);
    this.token = token ?? makeToken(this.applicationId);
  }

  /** The current time as an ISO timestamp, for payloads. */
  isoNow(): string {
    return new Date(this.clock()).toISOString();
  }

  /** Resolves a user reference; a new username creates the user (and makes them a member of every guild). */
  user(ref: UserRef): APIUser {
    if (typeof ref !== 'string') {
      const known = this.#users.get(ref.id);
      if (known === undefined) throw new Error(`fake Discord: no user with id ${ref.id}`);
      return known;
    }
    const existing = [...this.#users.values()].find((user) => user.username === ref);
    if (existing !== undefined) return existing;
    const user = userPayload(this.nextId(), ref, false);
    this.#users.set(user.id, user);
    return user;
  }

  /** A user by id, or undefined. */
  findUser(id: string): APIUser | undefined {
    return this.#users.get(id);
  }

  /** Every user except the bot. */
  people(): APIUser[] {
    return [...this.#users.values()].filter((user) => user.id !== this.bot.id);
  }

  /** Adds a guild with its text channels; the bot owns nothing, a made-up owner does. */
  addGuild(input: FakeGuildInput): GuildState {
    if (input.id !== undefined && (!/^\d{17,20}$/.test(input.id) || this.#guilds.has(input.id)))
      throw new Error(`fake Discord: guild id ${input.id} is not a new snowflake`);
    const id = input.id ?? this.nextId();
    const names = input.channels ?? ['general'];
    const channelIds = names.map((name, position) => {
      const channel = textChannelPayload(this.nextId(), id, name, position);
      this.#channels.set(channel.id, channel);
      return channel.id;
    });
    const guild = { id, name: input.name ?? 'Fake Guild', ownerId: this.nextId(), joinedAt: this.isoNow(), channelIds };
    this.#guilds.set(id, guild);
    return guild;
  }

  /** A guild by id, or undefined. */
  guild(id: string): GuildState | undefined {
    return this.#guilds.get(id);
  }

  /** Every guild, in the order they were added. */
  guilds(): GuildState[] {
    return [...this.#guilds.values()];
  }

  /** A guild's members as GUILD_CREATE lists them: the bot and every user. */
  members(guild: GuildState): ReturnType<typeof memberPayload>[] {
    return [this.bot, ...this.people()].map((user) => memberPayload(user, guild.joinedAt));
  }

  /** A channel by id, or undefined. */
  channel(id: string): FakeChannel | undefined {
    return this.#channels.get(id);
  }

  /** Stores a new or changed channel (threads are created and edited through this). */
  putChannel(channel: FakeChannel): void {
    this.#channels.set(channel.id, channel);
  }

  /** The live threads of a guild. */
  threads(guildId: string): APIThreadChannel[] {
    return [...this.#channels.values()].filter(
      (channel): channel is APIThreadChannel =>
        'guild_id' in channel && channel.guild_id === guildId && isThread(channel),
    );
  }

  /** The DM channel between the bot and a user, created on first use. */
  dmChannel(user: APIUser): APIDMChannel {
    const known = this.#dmByUser.get(user.id);
    const channel = known === undefined ? undefined : this.#channels.get(known);
    if (channel?.type === ChannelType.DM) return channel;
    const created = dmChannelPayload(this.nextId(), user);
    this.#channels.set(created.id, created);
    this.#dmByUser.set(user.id, created.id);
    return created;
  }

  /** The DM channel already opened with a user, or undefined. */
  existingDmChannel(userId: string): string | undefined {
    return this.#dmByUser.get(userId);
  }

  /** Stores a message (new or edited) and moves its channel's last message id. */
  putMessage(message: APIMessage): void {
    const isNew = !this.#messages.has(message.id);
    this.#messages.set(message.id, message);
    const channel = this.#channels.get(message.channel_id);
    if (isNew && channel !== undefined) this.#channels.set(channel.id, { ...channel, last_message_id: message.id });
  }

  /** A message by id, or undefined. */
  message(id: string): APIMessage | undefined {
    return this.#messages.get(id);
  }

  /** Forgets a message. */
  deleteMessage(id: string): void {
    this.#messages.delete(id);
  }

  /** The messages of a channel, oldest first. */
  messagesIn(channelId: string): APIMessage[] {
    return [...this.#messages.values()].filter((message) => message.channel_id === channelId);
  }

  /** Remembers an interaction sent to the bot. */
  addInteraction(state: InteractionState): void {
    this.#interactions.set(state.id, state);
    this.#interactionsByToken.set(state.token, state);
  }

  /** An interaction by id, or undefined. */
  interaction(id: string): InteractionState | undefined {
    return this.#interactions.get(id);
  }

  /** An interaction by its token (webhook routes carry only the token), or undefined. */
  interactionByToken(token: string): InteractionState | undefined {
    return this.#interactionsByToken.get(token);
  }

  /** The most recent interaction that showed a modal with this custom id to this user. */
  modalShownTo(userId: string, customId: string): InteractionState | undefined {
    return [...this.#interactions.values()]
      .reverse()
      .find((state) => state.user.id === userId && state.shownModal?.custom_id === customId);
  }

  /** The commands a guild sees: its own and the global ones. */
  commandsFor(guildId: string | null): APIApplicationCommand[] {
    return [...(guildId === null ? [] : (this.guildCommands.get(guildId) ?? [])), ...this.globalCommands];
  }

  /** A fresh interaction token, shaped like Discord's. */
  newInteractionToken(id: string): string {
    return `aW50ZXJhY3Rpb246${Buffer.from(id).toString('base64url')}${randomBytes(48).toString('base64url')}`;
  }
}

/** True for the three thread channel types. */
export function isThread(channel: FakeChannel): channel is APIThreadChannel {
  return (
    channel.type === ChannelType.PublicThread ||
    channel.type === ChannelType.PrivateThread ||
    channel.type === ChannelType.AnnouncementThread
  );
}

function makeToken(applicationId: string): string {
  return `${Buffer.from(applicationId).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
}
