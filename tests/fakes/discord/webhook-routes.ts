import {
  type APIMessage,
  GatewayDispatchEvents,
  MessageType,
  type RESTPostAPIWebhookWithTokenJSONBody,
} from 'discord-api-types/v10';
import { announceMessage } from './broadcast.js';
import { errors, invalidFormBody, type RestReply } from './errors.js';
import { defineRoute, type RestRequest, type RouteHandler, type RouteResult } from './http.js';
import { interactionExtra } from './interaction-routes.js';
import { isEmptyMessage, messageIssues } from './message-limits.js';
import { editedMessage } from './payloads.js';
import { createBotMessage, type RouteContext, storeEdit } from './route-context.js';
import type { InteractionState } from './world.js';

type Action = 'create' | 'edit' | 'fetch' | 'delete';

/** Interaction webhooks: follow-ups, and fetching, editing, deleting `@original` or a follow-up; tokens last 15 min. */
export function webhookRoutes(ctx: RouteContext): RouteHandler[] {
  const detail =
    (action: Action, request: RestRequest, state: InteractionState | undefined, target?: string) =>
    (reply: RestReply, message?: APIMessage): RouteResult => ({
      reply,
      detail: {
        kind: 'webhook-message',
        action,
        interactionId: state?.id,
        target,
        body: request.json as RESTPostAPIWebhookWithTokenJSONBody | undefined,
        files: request.files,
        message,
      },
    });

  const resolve = (applicationId: string, token: string): InteractionState | RestReply => {
    const state = ctx.world.interactionByToken(token);
    if (applicationId !== ctx.world.applicationId || state === undefined) return errors.unknownWebhook();
    if (ctx.world.clock() - state.createdAt > ctx.webhookTokenTtlMs) return errors.invalidWebhookToken();
    return state;
  };

  const target = (state: InteractionState, messageId: string): APIMessage | undefined => {
    const id = messageId === '@original' ? state.originalMessageId : messageId;
    if (id === null || (id !== state.originalMessageId && !state.followUpIds.has(id))) return undefined;
    return ctx.world.message(id);
  };

  const onMessage = (action: Exclude<Action, 'create'>) =>
    defineRoute(
      `${action === 'fetch' ? 'GET' : action === 'edit' ? 'PATCH' : 'DELETE'} /webhooks/:applicationId/:token/messages/:messageId`,
      (request, { applicationId, token, messageId }) => {
        const state = resolve(applicationId, token);
        if (!('token' in state)) return detail(action, request, undefined, messageId)(state);
        const result = detail(action, request, state, messageId);
        const message = target(state, messageId);
        if (message === undefined) return result(errors.unknownMessage());
        if (action === 'fetch') return result({ status: 200, body: message }, message);
        if (action === 'delete') {
          ctx.world.deleteMessage(message.id);
          announceMessage(ctx.world, ctx.gateway, GatewayDispatchEvents.MessageDelete, message);
          return result({ status: 204 });
        }
        const issues = messageIssues(request.json);
        if (issues.length > 0) return result(invalidFormBody(issues));
        const edited = editedMessage(message, request.json, ctx.world.isoNow());
        if (isEmptyMessage(edited, request.files.length + edited.attachments.length))
          return result(errors.emptyMessage());
        return result({ status: 200, body: storeEdit(ctx, edited) }, edited);
      },
      { auth: false },
    );

  return [
    defineRoute(
      'POST /webhooks/:applicationId/:token',
      (request, { applicationId, token }) => {
        const state = resolve(applicationId, token);
        if (!('token' in state)) return detail('create', request, undefined)(state);
        const result = detail('create', request, state);
        if (state.acknowledgedWith === null) return result(errors.unknownWebhook());
        const issues = messageIssues(request.json);
        if (issues.length > 0) return result(invalidFormBody(issues));
        if (isEmptyMessage(request.json, request.files.length)) return result(errors.emptyMessage());
        const message = createBotMessage(ctx, {
          channelId: state.channelId,
          body: request.json,
          files: request.files,
          type: state.kind === 'command' ? MessageType.ChatInputCommand : MessageType.Default,
          extra: interactionExtra(ctx, state),
        });
        state.followUpIds.add(message.id);
        const wait = request.query.get('wait') === 'true';
        return result(wait ? { status: 200, body: message } : { status: 204 }, message);
      },
      { auth: false },
    ),
    onMessage('fetch'),
    onMessage('edit'),
    onMessage('delete'),
  ];
}
