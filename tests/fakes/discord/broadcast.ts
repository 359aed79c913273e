import {
  type APIMessage,
  type APIThreadChannel,
  ChannelType,
  GatewayDispatchEvents,
  GatewayIntentBits,
} from 'discord-api-types/v10';
import type { Gateway } from './gateway.js';
import type { FakeChannel } from './payloads.js';
import type { World } from './world.js';

const EPHEMERAL = 1 << 6;

/** Who learns of a message, and what they see: the intents Discord checks before sending MESSAGE_* events. */
export function messageEventFor(world: World, message: APIMessage): (intents: number) => unknown {
  const channel = world.channel(message.channel_id);
  const isDm = channel?.type === ChannelType.DM;
  const needed = isDm ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages;
  const mentionsBot = message.content.includes(`<@${world.bot.id}>`);
  const fullContent = isDm || mentionsBot || message.author.id === world.bot.id;
  const guildId = channel !== undefined && 'guild_id' in channel ? channel.guild_id : undefined;
  const member =
    guildId === undefined
      ? {}
      : { guild_id: guildId, member: { roles: [], joined_at: world.isoNow(), deaf: false, mute: false, flags: 0 } };
  const base = { ...message, ...member, ...(channel === undefined ? {} : { channel_type: channel.type }) };
  return (intents) => {
    if ((intents & needed) === 0) return undefined;
    if (fullContent || (intents & GatewayIntentBits.MessageContent) !== 0) return base;
    return { ...base, content: '', embeds: [], attachments: [], components: [] };
  };
}

/**
 * Tells the connected clients of the message's shard about a new, edited or deleted message; ephemeral messages
 * reach nobody. Returns the ids of the sessions that got it.
 */
export function announceMessage(
  world: World,
  gateway: Gateway,
  event:
    | GatewayDispatchEvents.MessageCreate
    | GatewayDispatchEvents.MessageUpdate
    | GatewayDispatchEvents.MessageDelete,
  message: APIMessage,
): string[] {
  if (((message.flags ?? 0) & EPHEMERAL) !== 0) return [];
  const channel = world.channel(message.channel_id);
  const guildId = channel !== undefined && 'guild_id' in channel ? channel.guild_id : undefined;
  if (event !== GatewayDispatchEvents.MessageDelete)
    return gateway.dispatch(event, guildId ?? null, messageEventFor(world, message));
  const deleted = {
    id: message.id,
    channel_id: message.channel_id,
    ...(guildId === undefined ? {} : { guild_id: guildId }),
  };
  const isDm = channel?.type === ChannelType.DM;
  const needed = isDm ? GatewayIntentBits.DirectMessages : GatewayIntentBits.GuildMessages;
  return gateway.dispatch(event, guildId ?? null, (intents) => ((intents & needed) === 0 ? undefined : deleted));
}

/** Tells the clients of the channel's shard with the Guilds intent about a thread or channel change. */
export function announceChannel(
  gateway: Gateway,
  event: GatewayDispatchEvents.ThreadCreate | GatewayDispatchEvents.ThreadUpdate | GatewayDispatchEvents.ChannelUpdate,
  channel: FakeChannel | (APIThreadChannel & { readonly newly_created: boolean }),
): string[] {
  const guildId = 'guild_id' in channel ? (channel.guild_id ?? null) : null;
  return gateway.dispatch(event, guildId, (intents) =>
    (intents & GatewayIntentBits.Guilds) === 0 ? undefined : channel,
  );
}
