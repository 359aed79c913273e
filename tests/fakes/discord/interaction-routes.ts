import {
  type APIInteractionResponse,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
  InteractionResponseType,
  InteractionType,
  MessageType,
} from 'discord-api-types/v10';
import { errors, type FormIssue, invalidFormBody, type RestReply } from './errors.js';
import { defineRoute, type RouteHandler, type RouteResult } from './http.js';
import { isRecord } from './json.js';
import { isEmptyMessage, messageIssues, modalIssues } from './message-limits.js';
import { editedMessage } from './payloads.js';
import type { UploadedFile } from './records.js';
import { createBotMessage, type RouteContext, storeEdit } from './route-context.js';
import type { InteractionState } from './world.js';

const EPHEMERAL = 1 << 6;
const LOADING = 1 << 7;

/** POST /interactions/:id/:token/callback: one acknowledgement per interaction, within the deadline. */
export function interactionRoutes(ctx: RouteContext): RouteHandler[] {
  return [
    defineRoute(
      'POST /interactions/:interactionId/:token/callback',
      (request, { interactionId, token }) => {
        const body = request.json as APIInteractionResponse;
        const callbackType =
          isRecord(request.json) && typeof request.json.type === 'number' ? request.json.type : undefined;
        const result = (reply: RestReply, message?: APIMessage): RouteResult => ({
          reply,
          detail: { kind: 'interaction-callback', interactionId, callbackType, body, message },
        });
        const state = ctx.world.interaction(interactionId);
        if (state === undefined || state.token !== token) return result(errors.unknownInteraction());
        if (state.acknowledgedWith !== null) return result(errors.alreadyAcknowledged());
        if (ctx.world.clock() - state.createdAt > ctx.interactionDeadlineMs) return result(errors.unknownInteraction());
        const data = isRecord(request.json) ? request.json.data : undefined;
        const issues = callbackIssues(state, callbackType, data);
        if (issues.length > 0) return result(invalidFormBody(issues));
        if (
          callbackType === InteractionResponseType.ChannelMessageWithSource &&
          isEmptyMessage(data, request.files.length)
        ) {
          return result(errors.emptyMessage());
        }
        const message = acknowledge(ctx, state, callbackType as InteractionResponseType, data, request.files);
        if (request.query.get('with_response') !== 'true') return result({ status: 204 }, message);
        return result(
          { status: 200, body: callbackResponse(state, callbackType as InteractionResponseType, message) },
          message,
        );
      },
      { auth: false },
    ),
  ];
}

/** Which callback types each interaction accepts (Discord refuses the others), then the size limits. */
function callbackIssues(state: InteractionState, type: number | undefined, data: unknown): FormIssue[] {
  const allowed: Record<InteractionState['kind'], readonly number[]> = {
    command: [4, 5, 9, 12],
    component: [4, 5, 6, 7, 9, 12],
    modal: state.sourceMessageId === null ? [4, 5] : [4, 5, 6, 7],
  };
  if (type === undefined || !allowed[state.kind].includes(type)) {
    return [
      {
        path: ['type'],
        code: 'INTERACTION_CALLBACK_TYPE_INVALID',
        message: `Callback type ${type} is not valid for this ${state.kind} interaction.`,
      },
    ];
  }
  if (type === InteractionResponseType.Modal) return modalIssues(data, ['data']);
  if (type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.UpdateMessage) {
    return messageIssues(data, ['data']);
  }
  return [];
}

function acknowledge(
  ctx: RouteContext,
  state: InteractionState,
  type: InteractionResponseType,
  data: unknown,
  files: RouteResultFiles,
): APIMessage | undefined {
  state.acknowledgedWith = type;
  const flags = isRecord(data) && typeof data.flags === 'number' ? data.flags : 0;
  const origin = {
    channelId: state.channelId,
    type: state.kind === 'command' ? MessageType.ChatInputCommand : MessageType.Default,
    extra: interactionExtra(ctx, state),
  };
  switch (type) {
    case InteractionResponseType.ChannelMessageWithSource: {
      const message = createBotMessage(ctx, { ...origin, body: data, files });
      state.originalMessageId = message.id;
      return message;
    }
    case InteractionResponseType.DeferredChannelMessageWithSource: {
      const message = createBotMessage(ctx, { ...origin, body: {}, flags: LOADING | (flags & EPHEMERAL) });
      state.originalMessageId = message.id;
      return message;
    }
    case InteractionResponseType.DeferredMessageUpdate:
    case InteractionResponseType.UpdateMessage: {
      state.originalMessageId = state.sourceMessageId;
      const source = state.sourceMessageId === null ? undefined : ctx.world.message(state.sourceMessageId);
      if (source === undefined || type === InteractionResponseType.DeferredMessageUpdate) return source;
      return storeEdit(ctx, editedMessage(source, data, ctx.world.isoNow()));
    }
    case InteractionResponseType.Modal:
      state.shownModal = data as APIModalInteractionResponseCallbackData;
      return undefined;
    default:
      return undefined;
  }
}

type RouteResultFiles = readonly UploadedFile[];

/** The fields Discord adds to messages an interaction produced. */
export function interactionExtra(ctx: RouteContext, state: InteractionState): Partial<APIMessage> {
  return {
    webhook_id: ctx.world.applicationId,
    application_id: ctx.world.applicationId,
    interaction_metadata: {
      id: state.id,
      type: state.payload.type,
      user: state.user,
      authorizing_integration_owners: state.payload.authorizing_integration_owners,
    },
  } as Partial<APIMessage>;
}

function callbackResponse(state: InteractionState, type: InteractionResponseType, message: APIMessage | undefined) {
  const withMessage =
    message === undefined || type === InteractionResponseType.DeferredMessageUpdate
      ? {}
      : {
          response_message_id: message.id,
          response_message_loading: ((message.flags ?? 0) & LOADING) !== 0,
          response_message_ephemeral: ((message.flags ?? 0) & EPHEMERAL) !== 0,
        };
  return {
    interaction: { id: state.id, type: state.payload.type ?? InteractionType.ApplicationCommand, ...withMessage },
    resource: { type, ...(message === undefined ? {} : { message }) },
  };
}
