import { type APIApplicationCommand, ApplicationCommandType, ApplicationIntegrationType } from 'discord-api-types/v10';
import { errors, type FormIssue, invalidFormBody, type RestReply } from './errors.js';
import { defineRoute, type RestRequest, type RouteHandler, type RouteResult } from './http.js';
import { isRecord } from './json.js';
import { required, tooLong } from './limits.js';
import type { RouteContext } from './route-context.js';

const COMMAND_NAME = /^[-_'\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Gateway discovery, the application, users, DM channels and command registration. */
export function appRoutes(ctx: RouteContext): RouteHandler[] {
  const read = (reply: RestReply): RouteResult => ({ reply, detail: { kind: 'read', body: reply.body } });
  const commands = (guildId: string | undefined) => {
    if (guildId === undefined) return ctx.world.globalCommands;
    const list = ctx.world.guildCommands.get(guildId) ?? [];
    ctx.world.guildCommands.set(guildId, list);
    return list;
  };
  const register = (request: RestRequest, applicationId: string, guildId: string | undefined, replace: boolean) => {
    const result = (reply: RestReply, saved: readonly APIApplicationCommand[] = []): RouteResult => ({
      reply,
      detail: { kind: 'commands', guildId, body: request.json, commands: saved },
    });
    if (applicationId !== ctx.world.applicationId) return result(errors.unknownApplication());
    if (guildId !== undefined && ctx.world.guild(guildId) === undefined) return result(errors.unknownGuild());
    const inputs: unknown[] = replace ? (Array.isArray(request.json) ? request.json : []) : [request.json];
    const issues = inputs.flatMap((input, index) => commandIssues(input, replace ? [index] : []));
    if (issues.length > 0) return result(invalidFormBody(issues));
    const list = commands(guildId);
    const saved = inputs.map((input) => toCommand(ctx, input, guildId, list));
    if (replace) list.splice(0, list.length, ...saved);
    else for (const command of saved) upsert(list, command);
    return result({ status: replace ? 200 : 201, body: replace ? saved : saved[0] }, saved);
  };
  const list = (applicationId: string, guildId: string | undefined) =>
    read(
      applicationId === ctx.world.applicationId
        ? { status: 200, body: commands(guildId) }
        : errors.unknownApplication(),
    );

  return [
    defineRoute('GET /gateway', () => read({ status: 200, body: { url: ctx.gatewayUrl() } })),
    defineRoute('GET /gateway/bot', () =>
      read({
        status: 200,
        body: {
          url: ctx.gatewayUrl(),
          shards: ctx.recommendedShards,
          session_start_limit: ctx.sessionStartLimit(),
        },
      }),
    ),
    defineRoute('GET /applications/@me', () => read({ status: 200, body: applicationPayload(ctx) })),
    defineRoute('GET /users/:userId', (_request, { userId }) => {
      const user = userId === '@me' ? ctx.world.bot : ctx.world.findUser(userId);
      return read(user === undefined ? errors.unknownUser() : { status: 200, body: user });
    }),
    defineRoute('POST /users/@me/channels', (request) => {
      const recipientId =
        isRecord(request.json) && typeof request.json.recipient_id === 'string' ? request.json.recipient_id : '';
      const user = ctx.world.findUser(recipientId);
      const channel = user === undefined ? undefined : ctx.world.dmChannel(user);
      const reply = channel === undefined ? errors.unknownUser() : { status: 200, body: channel };
      return { reply, detail: { kind: 'dm-channel', recipientId, channelId: channel?.id } };
    }),
    defineRoute('GET /applications/:applicationId/commands', (_r, { applicationId }) => list(applicationId, undefined)),
    defineRoute('PUT /applications/:applicationId/commands', (request, { applicationId }) =>
      register(request, applicationId, undefined, true),
    ),
    defineRoute('POST /applications/:applicationId/commands', (request, { applicationId }) =>
      register(request, applicationId, undefined, false),
    ),
    defineRoute('GET /applications/:applicationId/guilds/:guildId/commands', (_r, { applicationId, guildId }) =>
      list(applicationId, guildId),
    ),
    defineRoute('PUT /applications/:applicationId/guilds/:guildId/commands', (request, { applicationId, guildId }) =>
      register(request, applicationId, guildId, true),
    ),
    defineRoute('POST /applications/:applicationId/guilds/:guildId/commands', (request, { applicationId, guildId }) =>
      register(request, applicationId, guildId, false),
    ),
  ];
}

function upsert(list: APIApplicationCommand[], command: APIApplicationCommand): void {
  const at = list.findIndex((known) => known.id === command.id);
  if (at === -1) list.push(command);
  else list[at] = command;
}

function commandIssues(input: unknown, at: readonly (string | number)[]): FormIssue[] {
  if (!isRecord(input)) return required(undefined, at);
  const chatInput = (input.type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput;
  const badName =
    typeof input.name === 'string' && chatInput && !COMMAND_NAME.test(input.name)
      ? [{ path: [...at, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }]
      : [];
  return [
    ...required(input.name, [...at, 'name']),
    ...badName,
    ...(chatInput ? required(input.description, [...at, 'description']) : []),
    ...tooLong(input.description, 100, [...at, 'description']),
    ...tooLong(input.options, 25, [...at, 'options']),
  ];
}

function toCommand(
  ctx: RouteContext,
  input: unknown,
  guildId: string | undefined,
  existing: readonly APIApplicationCommand[],
): APIApplicationCommand {
  const body = isRecord(input) ? input : {};
  const type = typeof body.type === 'number' ? body.type : ApplicationCommandType.ChatInput;
  const kept = existing.find((command) => command.name === body.name && command.type === type);
  return {
    default_member_permissions: null,
    nsfw: false,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    ...body,
    id: kept?.id ?? ctx.world.nextId(),
    application_id: ctx.world.applicationId,
    version: ctx.world.nextId(),
    type,
    name: String(body.name),
    description: typeof body.description === 'string' ? body.description : '',
    ...(guildId === undefined ? {} : { guild_id: guildId }),
  } as APIApplicationCommand;
}

function applicationPayload(ctx: RouteContext) {
  return {
    id: ctx.world.applicationId,
    name: ctx.world.bot.username,
    icon: null,
    description: '',
    bot_public: true,
    bot_require_code_grant: false,
    bot: ctx.world.bot,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: { ...ctx.world.bot, bot: false, username: 'fake-owner', id: ctx.world.guilds()[0]?.ownerId ?? '0' },
    summary: '',
  };
}
