/** Every route the fake serves, as `METHOD /path`; `delay` and `rateLimitOnce` take these. */
export const ROUTE_KEYS = [
  'GET /gateway',
  'GET /gateway/bot',
  'GET /applications/@me',
  'GET /applications/:applicationId/commands',
  'PUT /applications/:applicationId/commands',
  'POST /applications/:applicationId/commands',
  'GET /applications/:applicationId/guilds/:guildId/commands',
  'PUT /applications/:applicationId/guilds/:guildId/commands',
  'POST /applications/:applicationId/guilds/:guildId/commands',
  'POST /users/@me/channels',
  'GET /users/:userId',
  'POST /interactions/:interactionId/:token/callback',
  'POST /webhooks/:applicationId/:token',
  'GET /webhooks/:applicationId/:token/messages/:messageId',
  'PATCH /webhooks/:applicationId/:token/messages/:messageId',
  'DELETE /webhooks/:applicationId/:token/messages/:messageId',
  'GET /channels/:channelId',
  'PATCH /channels/:channelId',
  'GET /channels/:channelId/messages',
  'POST /channels/:channelId/messages',
  'GET /channels/:channelId/messages/:messageId',
  'PATCH /channels/:channelId/messages/:messageId',
  'DELETE /channels/:channelId/messages/:messageId',
  'POST /channels/:channelId/typing',
  'POST /channels/:channelId/threads',
  'POST /channels/:channelId/messages/:messageId/threads',
  'PUT /channels/:channelId/thread-members/:userId',
] as const;

/** One route the fake serves. */
export type RouteKey = (typeof ROUTE_KEYS)[number];

type ParamNames<S extends string> = S extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<Rest>
  : S extends `${string}:${infer Name}`
    ? Name
    : never;

/** The path parameters of a route, by name: `{ channelId, messageId }` for `/channels/:channelId/messages/:messageId`. */
export type RouteParams<K extends string> = { readonly [Name in ParamNames<K>]: string };

/** Matches a percent-decoded path against a route key; the parameters when it matches, undefined when not. */
export function matchRoute(
  key: RouteKey,
  method: string,
  segments: readonly string[],
): Record<string, string> | undefined {
  const [keyMethod, pattern = ''] = key.split(' ');
  if (keyMethod !== method) return undefined;
  const parts = pattern.split('/').slice(1);
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return undefined;
  }
  return params;
}
