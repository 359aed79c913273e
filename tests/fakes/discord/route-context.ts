import { type APIMessage, GatewayDispatchEvents, type MessageType } from 'discord-api-types/v10';
import { announceMessage } from './broadcast.js';
import type { Gateway } from './gateway.js';
import { messagePayload } from './payloads.js';
import type { UploadedFile } from './records.js';
import type { SessionStartLimit } from './sharding.js';
import type { World } from './world.js';

/** What every route module reads and changes. */
export interface RouteContext {
  readonly world: World;
  readonly gateway: Gateway;
  readonly interactionDeadlineMs: number;
  readonly webhookTokenTtlMs: number;
  readonly gatewayUrl: () => string;
  /** GET /gateway/bot's `shards`: the number of shards Discord recommends. */
  readonly recommendedShards: number;
  readonly sessionStartLimit: () => SessionStartLimit;
}

/** How a message from the bot is stored: its channel, body, files and any fields its origin adds. */
export interface BotMessageInit {
  readonly channelId: string;
  readonly body: unknown;
  readonly files?: readonly UploadedFile[];
  readonly type?: MessageType;
  readonly flags?: number;
  readonly extra?: Partial<APIMessage>;
}

/** Stores a message the bot sent and announces it over the gateway (unless ephemeral). */
export function createBotMessage(ctx: RouteContext, init: BotMessageInit): APIMessage {
  const channel = ctx.world.channel(init.channelId);
  const message = messagePayload({
    id: ctx.world.nextId(),
    channelId: init.channelId,
    guildId: channel !== undefined && 'guild_id' in channel ? (channel.guild_id ?? null) : null,
    author: ctx.world.bot,
    body: init.body,
    timestamp: ctx.world.isoNow(),
    ...(init.files === undefined ? {} : { files: init.files }),
    ...(init.type === undefined ? {} : { type: init.type }),
    ...(init.flags === undefined ? {} : { flags: init.flags }),
    ...(init.extra === undefined ? {} : { extra: init.extra }),
  });
  ctx.world.putMessage(message);
  announceMessage(ctx.world, ctx.gateway, GatewayDispatchEvents.MessageCreate, message);
  return message;
}

/** Stores an edited message and announces the update. */
export function storeEdit(ctx: RouteContext, message: APIMessage): APIMessage {
  ctx.world.putMessage(message);
  announceMessage(ctx.world, ctx.gateway, GatewayDispatchEvents.MessageUpdate, message);
  return message;
}
