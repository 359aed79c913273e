import {
  type APIDMChannel,
  type APIEmbed,
  type APIGuildMember,
  type APIMessage,
  type APIMessageTopLevelComponent,
  type APIRole,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  ChannelType,
  type GuildMemberFlags,
  MessageType,
  PermissionFlagsBits,
  type RoleFlags,
  type ThreadAutoArchiveDuration,
  type ThreadChannelType,
  type ThreadMemberFlags,
} from 'discord-api-types/v10';
import { isRecord } from './json.js';

/** The channels the fake keeps: guild text channels, threads and DMs. */
export type FakeChannel = APITextChannel | APIThreadChannel | APIDMChannel;

/** What @everyone may do in a fake guild: read, write, embed, attach, react, use threads and commands. */
export const MEMBER_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.CreatePublicThreads,
  PermissionFlagsBits.CreatePrivateThreads,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
  PermissionFlagsBits.AddReactions,
  PermissionFlagsBits.UseExternalEmojis,
  PermissionFlagsBits.UseApplicationCommands,
]
  .reduce((all, bit) => all | bit, 0n)
  .toString();

/** A user object as Discord sends it. */
export function userPayload(id: string, username: string, bot: boolean): APIUser {
  return {
    id,
    username,
    discriminator: bot ? '0001' : '0',
    global_name: bot ? null : username,
    avatar: null,
    ...(bot ? { bot: true } : {}),
  };
}

/** A guild member as GUILD_CREATE lists it. */
export function memberPayload(user: APIUser, joinedAt: string): APIGuildMember {
  return {
    user,
    roles: [],
    joined_at: joinedAt,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    nick: null,
  };
}

/** The @everyone role, whose id is the guild's. */
export function everyoneRole(guildId: string): APIRole {
  return {
    id: guildId,
    name: '@everyone',
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: 0,
    permissions: MEMBER_PERMISSIONS,
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

/** A guild text channel. */
export function textChannelPayload(id: string, guildId: string, name: string, position: number): APITextChannel {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position,
    topic: null,
    nsfw: false,
    parent_id: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    permission_overwrites: [],
  };
}

/** A DM channel between the bot and `recipient` (Discord lists only the other user). */
export function dmChannelPayload(id: string, recipient: APIUser): APIDMChannel {
  return { id, type: ChannelType.DM, name: null, last_message_id: null, recipients: [recipient] };
}

/** What a thread is made from: its parent, owner, name and type. */
export interface ThreadInit {
  readonly id: string;
  readonly guildId: string;
  readonly parentId: string;
  readonly ownerId: string;
  readonly name: string;
  readonly type: ThreadChannelType;
  readonly autoArchiveDuration: ThreadAutoArchiveDuration;
  readonly now: string;
  /** Private threads only: whether non-moderators may add others (default true). */
  readonly invitable?: boolean;
}

/** A thread channel, joined by its owner. */
export function threadPayload(init: ThreadInit): APIThreadChannel {
  return {
    id: init.id,
    type: init.type,
    guild_id: init.guildId,
    parent_id: init.parentId,
    owner_id: init.ownerId,
    name: init.name,
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    applied_tags: [],
    thread_metadata: {
      archived: false,
      auto_archive_duration: init.autoArchiveDuration,
      archive_timestamp: init.now,
      locked: false,
      create_timestamp: init.now,
      ...(init.type === ChannelType.PrivateThread ? { invitable: init.invitable ?? true } : {}),
    },
    member: { id: init.id, user_id: init.ownerId, join_timestamp: init.now, flags: 0 as ThreadMemberFlags },
  };
}

/** Where and by whom a message is created; the body is what the sender posted. */
export interface MessageInit {
  readonly id: string;
  readonly channelId: string;
  readonly guildId: string | null;
  readonly author: APIUser;
  readonly body: unknown;
  readonly timestamp: string;
  readonly type?: MessageType;
  readonly flags?: number;
  readonly files?: readonly { readonly name: string; readonly size: number; readonly contentType: string }[];
  readonly extra?: Partial<APIMessage>;
}

const KEPT_FLAGS = (1 << 2) | (1 << 6) | (1 << 7) | (1 << 12) | (1 << 15); // suppress embeds, ephemeral, loading, silent, V2

/** A message object as Discord returns it, built from a posted body. */
export function messagePayload(init: MessageInit): APIMessage {
  const body = isRecord(init.body) ? init.body : {};
  const flags = (init.flags ?? 0) | ((typeof body.flags === 'number' ? body.flags : 0) & KEPT_FLAGS);
  return {
    id: init.id,
    channel_id: init.channelId,
    ...(init.guildId === null ? {} : { guild_id: init.guildId }),
    author: init.author,
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: init.timestamp,
    edited_timestamp: null,
    tts: body.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: (init.files ?? []).map((file, index) => ({
      id: `${init.id}${index}`,
      filename: file.name,
      size: file.size,
      content_type: file.contentType,
      url: `https://cdn.discordapp.com/attachments/${init.channelId}/${init.id}/${file.name}`,
      proxy_url: `https://media.discordapp.net/attachments/${init.channelId}/${init.id}/${file.name}`,
    })),
    embeds: Array.isArray(body.embeds) ? (body.embeds as APIEmbed[]).map((embed) => ({ type: 'rich', ...embed })) : [],
    components: Array.isArray(body.components) ? (body.components as APIMessageTopLevelComponent[]) : [],
    pinned: false,
    type: init.type ?? MessageType.Default,
    flags,
    ...init.extra,
  } as APIMessage;
}

/** The message after an edit: fields the body names replace the old ones; the loading flag clears. */
export function editedMessage(message: APIMessage, body: unknown, editedAt: string): APIMessage {
  const patch = isRecord(body) ? body : {};
  const loading = 1 << 7;
  const flags = ((message.flags ?? 0) & ~loading) | ((typeof patch.flags === 'number' ? patch.flags : 0) & KEPT_FLAGS);
  return {
    ...message,
    ...(typeof patch.content === 'string' ? { content: patch.content } : {}),
    ...(patch.content === null ? { content: '' } : {}),
    ...(Array.isArray(patch.embeds) ? { embeds: patch.embeds as APIEmbed[] } : {}),
    ...(Array.isArray(patch.components) ? { components: patch.components as APIMessageTopLevelComponent[] } : {}),
    flags,
    edited_timestamp: editedAt,
  };
}
