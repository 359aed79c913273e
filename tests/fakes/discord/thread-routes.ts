import {
  type APIThreadChannel,
  ChannelType,
  GatewayDispatchEvents,
  PermissionFlagsBits,
  type ThreadChannelType,
} from 'discord-api-types/v10';
import { announceChannel } from './broadcast.js';
import { apiError, errors, invalidFormBody, type RestReply } from './errors.js';
import { defineRoute, type RestRequest, type RouteHandler, type RouteResult } from './http.js';
import { isRecord } from './json.js';
import { LIMITS, required, tooLong } from './limits.js';
import { threadPayload } from './payloads.js';
import type { RouteContext } from './route-context.js';
import { isThread } from './world.js';

const THREAD_ALREADY_CREATED = 160004;

/**
 * Threads: start one in a channel or from a message (the thread takes the message's id), add members. The bot needs
 * Create Private Threads (or Create Public Threads) to start one and Send Messages in Threads to add members, else 50013.
 */
export function threadRoutes(ctx: RouteContext): RouteHandler[] {
  const start = (request: RestRequest, channelId: string, messageId: string | undefined): RouteResult => {
    const result = (reply: RestReply, threadId?: string): RouteResult => ({
      reply,
      detail: { kind: 'thread', action: 'create', channelId, threadId, body: request.json },
    });
    const parent = ctx.world.channel(channelId);
    if (parent === undefined) return result(errors.unknownChannel());
    if (parent.type !== ChannelType.GuildText || parent.guild_id === undefined)
      return result(errors.wrongChannelType());
    const body = isRecord(request.json) ? request.json : {};
    const issues = [...required(body.name, ['name']), ...tooLong(body.name, LIMITS.threadName, ['name'])];
    if (issues.length > 0) return result(invalidFormBody(issues));
    if (messageId !== undefined) {
      const message = ctx.world.message(messageId);
      if (message?.channel_id !== channelId) return result(errors.unknownMessage());
      if (ctx.world.channel(messageId) !== undefined) {
        return result(apiError(400, THREAD_ALREADY_CREATED, 'A thread has already been created for this message'));
      }
    }
    const requested =
      body.type === ChannelType.PublicThread || body.type === ChannelType.PrivateThread ? body.type : undefined;
    const type: ThreadChannelType =
      messageId === undefined ? (requested ?? ChannelType.PrivateThread) : ChannelType.PublicThread;
    const needed =
      type === ChannelType.PrivateThread
        ? PermissionFlagsBits.CreatePrivateThreads
        : PermissionFlagsBits.CreatePublicThreads;
    if (!ctx.world.access.botHas(needed)) return result(errors.missingPermissions());
    const thread = threadPayload({
      id: messageId ?? ctx.world.nextId(),
      guildId: parent.guild_id,
      parentId: parent.id,
      ownerId: ctx.world.bot.id,
      name: String(body.name),
      type,
      autoArchiveDuration: typeof body.auto_archive_duration === 'number' ? body.auto_archive_duration : 4320,
      now: ctx.world.isoNow(),
      invitable: body.invitable !== false,
    });
    ctx.world.putChannel(thread);
    ctx.world.access.joinThread(thread.id, ctx.world.bot.id);
    announceChannel(ctx.gateway, GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true });
    return result({ status: 201, body: thread }, thread.id);
  };

  return [
    defineRoute('POST /channels/:channelId/threads', (request, { channelId }) => start(request, channelId, undefined)),
    defineRoute('POST /channels/:channelId/messages/:messageId/threads', (request, { channelId, messageId }) =>
      start(request, channelId, messageId),
    ),
    defineRoute('PUT /channels/:channelId/thread-members/:userId', (request, { channelId, userId }) => {
      const thread = ctx.world.channel(channelId);
      const memberId = userId === '@me' ? ctx.world.bot.id : userId;
      const known = ctx.world.findUser(memberId) !== undefined;
      const reply: RestReply =
        thread === undefined || !isThread(thread)
          ? errors.unknownChannel()
          : !known
            ? errors.unknownUser()
            : ctx.world.access.botHas(PermissionFlagsBits.SendMessagesInThreads)
              ? { status: 204 }
              : errors.missingPermissions();
      if (
        reply.status === 204 &&
        thread !== undefined &&
        isThread(thread) &&
        ctx.world.access.joinThread(thread.id, memberId)
      )
        bumpMembers(ctx, thread);
      return { reply, detail: { kind: 'thread', action: 'join', channelId, threadId: channelId, body: request.json } };
    }),
  ];
}

function bumpMembers(ctx: RouteContext, thread: APIThreadChannel): void {
  ctx.world.putChannel({ ...thread, member_count: (thread.member_count ?? 0) + 1 });
}
