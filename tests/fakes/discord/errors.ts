import { RESTJSONErrorCodes } from 'discord-api-types/v10';

/** One problem with one field, as Discord lists it under `_errors`. */
export interface FieldError {
  readonly code: string;
  readonly message: string;
}

/** Discord's nested `errors` object: keys follow the request body's path, leaves hold `_errors`. */
export interface ErrorTree {
  readonly [key: string]: ErrorTree | readonly FieldError[];
}

/** The JSON body of every Discord error response. */
export interface DiscordErrorBody {
  readonly code: number;
  readonly message: string;
  readonly errors?: ErrorTree;
}

/** One invalid field found by the limits: where it is and what is wrong. */
export interface FormIssue {
  readonly path: readonly (string | number)[];
  readonly code: string;
  readonly message: string;
}

/** An HTTP answer the fake sends: JSON when `body` is set, an empty body (no content type) when not. */
export interface RestReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Builds an error reply in Discord's `{ code, message, errors? }` shape. */
export function apiError(status: number, code: number, message: string, errors?: ErrorTree): RestReply {
  const body: DiscordErrorBody = errors === undefined ? { code, message } : { code, message, errors };
  return { status, body };
}

/** Folds issues into Discord's nested `errors` tree. */
export function toErrorTree(issues: readonly FormIssue[]): ErrorTree {
  type Node = { _errors?: FieldError[] } & { [key: string]: Node | FieldError[] };
  const root: Node = {};
  for (const issue of issues) {
    let node = root;
    for (const key of issue.path) {
      const next = node[String(key)];
      if (next === undefined || Array.isArray(next)) {
        const child: Node = {};
        node[String(key)] = child;
        node = child;
      } else {
        node = next;
      }
    }
    const list = node._errors;
    const entry = { code: issue.code, message: issue.message };
    if (Array.isArray(list)) list.push(entry);
    else node._errors = [entry];
  }
  return root;
}

/** 400 Invalid Form Body (50035) listing every issue. */
export function invalidFormBody(issues: readonly FormIssue[]): RestReply {
  return apiError(400, RESTJSONErrorCodes.InvalidFormBodyOrContentType, 'Invalid Form Body', toErrorTree(issues));
}

/** The errors the routes answer with, named as Discord names them. */
export const errors = {
  unknownChannel: () => apiError(404, RESTJSONErrorCodes.UnknownChannel, 'Unknown Channel'),
  unknownMessage: () => apiError(404, RESTJSONErrorCodes.UnknownMessage, 'Unknown Message'),
  unknownGuild: () => apiError(404, RESTJSONErrorCodes.UnknownGuild, 'Unknown Guild'),
  unknownUser: () => apiError(404, RESTJSONErrorCodes.UnknownUser, 'Unknown User'),
  unknownWebhook: () => apiError(404, RESTJSONErrorCodes.UnknownWebhook, 'Unknown Webhook'),
  unknownApplication: () => apiError(404, RESTJSONErrorCodes.UnknownApplication, 'Unknown Application'),
  unknownInteraction: () => apiError(404, RESTJSONErrorCodes.UnknownInteraction, 'Unknown interaction'),
  alreadyAcknowledged: () =>
    apiError(
      400,
      RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
      'Interaction has already been acknowledged.',
    ),
  invalidWebhookToken: () => apiError(401, RESTJSONErrorCodes.InvalidWebhookToken, 'Invalid Webhook Token'),
  emptyMessage: () => apiError(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message'),
  dmsClosed: () => apiError(403, RESTJSONErrorCodes.CannotSendMessagesToThisUser, 'Cannot send messages to this user'),
  notAuthor: () =>
    apiError(
      403,
      RESTJSONErrorCodes.CannotEditMessageAuthoredByAnotherUser,
      'Cannot edit a message authored by another user',
    ),
  wrongChannelType: () =>
    apiError(
      400,
      RESTJSONErrorCodes.CannotExecuteActionOnThisChannelType,
      'Cannot execute action on this channel type',
    ),
  missingPermissions: () => apiError(403, RESTJSONErrorCodes.MissingPermissions, 'Missing Permissions'),
  unauthorized: () => apiError(401, 0, '401: Unauthorized'),
  notFound: () => apiError(404, 0, '404: Not Found'),
  badJson: () =>
    apiError(400, RESTJSONErrorCodes.RequestBodyContainsInvalidJSON, 'The request body contains invalid JSON.'),
} as const;
