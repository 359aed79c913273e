import {
  type APIMessage,
  ChannelType,
  GatewayDispatchEvents,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';
import { announceChannel, announceMessage } from './broadcast.js';
import { errors, invalidFormBody, type RestReply } from './errors.js';
import { defineRoute, type RestRequest, type RouteHandler, type RouteResult } from './http.js';
import { isRecord } from './json.js';
import { isEmptyMessage, messageIssues } from './message-limits.js';
import { earlierWithNonce, rememberNonce } from './nonces.js';
import { editedMessage, type FakeChannel } from './payloads.js';
import { createBotMessage, type RouteContext, storeEdit } from './route-context.js';
import { isThread } from './world.js';

type Action = 'create' | 'edit' | 'fetch' | 'delete';

/** Channel routes: fetch and edit channels, post, fetch, edit and delete messages, typing. */
export function channelRoutes(ctx: RouteContext): RouteHandler[] {
  const detail =
    (action: Action, request: RestRequest, channelId: string) =>
    (reply: RestReply, message?: APIMessage): RouteResult => ({
      reply,
      detail: {
        kind: 'channel-message',
        action,
        channelId,
        body: request.json as RESTPostAPIChannelMessageJSONBody | undefined,
        files: request.files,
        message,
      },
    });
  const read = (reply: RestReply): RouteResult => ({ reply, detail: { kind: 'read', body: reply.body } });
  const messageIn = (channelId: string, messageId: string) => {
    const message = ctx.world.message(messageId);
    return message?.channel_id === channelId ? message : undefined;
  };

  return [
    defineRoute('GET /channels/:channelId', (_request, { channelId }) => {
      const channel = ctx.world.channel(channelId);
      return read(channel === undefined ? errors.unknownChannel() : { status: 200, body: channel });
    }),
    defineRoute('PATCH /channels/:channelId', (request, { channelId }) => {
      const channel = ctx.world.channel(channelId);
      const reply =
        channel === undefined
          ? errors.unknownChannel()
          : { status: 200, body: editChannel(ctx, channel, request.json) };
      return { reply, detail: { kind: 'channel-edit', channelId, body: request.json } };
    }),
    defineRoute('GET /channels/:channelId/messages', (request, { channelId }) => {
      if (ctx.world.channel(channelId) === undefined) return read(errors.unknownChannel());
      const limit = Number(request.query.get('limit') ?? 50);
      return read({ status: 200, body: ctx.world.messagesIn(channelId).reverse().slice(0, limit) });
    }),
    defineRoute('POST /channels/:channelId/messages', (request, { channelId }) => {
      const result = detail('create', request, channelId);
      const channel = ctx.world.channel(channelId);
      if (channel === undefined) return result(errors.unknownChannel());
      const recipient = channel.type === ChannelType.DM ? channel.recipients?.[0] : undefined;
      if (recipient !== undefined && ctx.world.closedDms.has(recipient.id)) return result(errors.dmsClosed());
      const issues = messageIssues(request.json);
      if (issues.length > 0) return result(invalidFormBody(issues));
      if (isEmptyMessage(request.json, request.files.length)) return result(errors.emptyMessage());
      const earlier = earlierWithNonce(ctx.world, request.json);
      if (earlier !== undefined) return result({ status: 200, body: earlier }, earlier);
      const reference = referenceOf(request.json);
      const referenced = reference === undefined ? undefined : ctx.world.message(reference);
      if (reference !== undefined && referenced === undefined) {
        return result(
          invalidFormBody([
            { path: ['message_reference'], code: 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', message: 'Unknown message' },
          ]),
        );
      }
      const extra =
        referenced === undefined
          ? {}
          : {
              message_reference: { message_id: referenced.id, channel_id: referenced.channel_id },
              referenced_message: referenced,
            };
      const message = createBotMessage(ctx, { channelId, body: request.json, files: request.files, extra });
      rememberNonce(ctx.world, request.json, message);
      return result({ status: 200, body: message }, message);
    }),
    defineRoute('GET /channels/:channelId/messages/:messageId', (request, { channelId, messageId }) => {
      const message = messageIn(channelId, messageId);
      const result = detail('fetch', request, channelId);
      return message === undefined ? result(errors.unknownMessage()) : result({ status: 200, body: message }, message);
    }),
    defineRoute('PATCH /channels/:channelId/messages/:messageId', (request, { channelId, messageId }) => {
      const result = detail('edit', request, channelId);
      const message = messageIn(channelId, messageId);
      if (message === undefined) return result(errors.unknownMessage());
      if (message.author.id !== ctx.world.bot.id) return result(errors.notAuthor());
      const issues = messageIssues(request.json);
      if (issues.length > 0) return result(invalidFormBody(issues));
      const edited = editedMessage(message, request.json, ctx.world.isoNow());
      if (isEmptyMessage(edited, request.files.length + edited.attachments.length))
        return result(errors.emptyMessage());
      return result({ status: 200, body: storeEdit(ctx, edited) }, edited);
    }),
    defineRoute('DELETE /channels/:channelId/messages/:messageId', (request, { channelId, messageId }) => {
      const result = detail('delete', request, channelId);
      const message = messageIn(channelId, messageId);
      if (message === undefined) return result(errors.unknownMessage());
      ctx.world.deleteMessage(message.id);
      announceMessage(ctx.world, ctx.gateway, GatewayDispatchEvents.MessageDelete, message);
      return result({ status: 204 }, message);
    }),
    defineRoute('POST /channels/:channelId/typing', (_request, { channelId }) => {
      const reply = ctx.world.channel(channelId) === undefined ? errors.unknownChannel() : { status: 204 };
      return { reply, detail: { kind: 'typing', channelId } };
    }),
  ];
}

function referenceOf(body: unknown): string | undefined {
  if (!isRecord(body) || !isRecord(body.message_reference)) return undefined;
  const id = body.message_reference.message_id;
  return typeof id === 'string' && body.message_reference.fail_if_not_exists !== false ? id : undefined;
}

function editChannel(ctx: RouteContext, channel: FakeChannel, body: unknown): FakeChannel {
  const patch = isRecord(body) ? body : {};
  const name = typeof patch.name === 'string' ? { name: patch.name } : {};
  if (isThread(channel)) {
    const metadata = channel.thread_metadata;
    const flag = (key: 'archived' | 'locked') =>
      (typeof patch[key] === 'boolean' ? patch[key] : metadata?.[key]) ?? false;
    const edited: FakeChannel = {
      ...channel,
      ...name,
      ...(metadata === undefined
        ? {}
        : {
            thread_metadata: {
              ...metadata,
              archived: flag('archived'),
              locked: flag('locked'),
              archive_timestamp: ctx.world.isoNow(),
            },
          }),
    };
    ctx.world.putChannel(edited);
    announceChannel(ctx.gateway, GatewayDispatchEvents.ThreadUpdate, edited);
    return edited;
  }
  const topic = channel.type === ChannelType.GuildText && typeof patch.topic === 'string' ? { topic: patch.topic } : {};
  const edited = { ...channel, ...(channel.type === ChannelType.DM ? {} : name), ...topic } as FakeChannel;
  ctx.world.putChannel(edited);
  announceChannel(ctx.gateway, GatewayDispatchEvents.ChannelUpdate, edited);
  return edited;
}
