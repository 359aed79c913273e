import {
  type APIInteraction,
  type APIMessage,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
} from 'discord-api-types/v10';
import { announceMessage } from './broadcast.js';
import { type CommandInvocation, commandOptions } from './command-options.js';
import { walk } from './component-limits.js';
import type { Gateway } from './gateway.js';
import { type InteractionHandle, interactionHandle, type MessageHandle, messageHandle } from './handles.js';
import {
  componentPayload,
  interactionBase,
  modalSubmitPayload,
  type Place,
  slashCommandPayload,
  submittedComponents,
} from './interaction-payloads.js';
import { type FakeChannel, messagePayload } from './payloads.js';
import type { Recorder } from './records.js';
import { type InteractionState, isThread, type UserRef, type World } from './world.js';

/** A user running a slash command; in the first guild's first channel unless `dm`, `guildId` or `channelId` say. */
export interface SlashCommandInput extends CommandInvocation {
  readonly user: UserRef;
  readonly dm?: boolean;
  readonly guildId?: string;
  readonly channelId?: string;
  readonly locale?: string;
}

/** A user clicking a button (by custom id) on a message the bot sent. */
export interface ClickButtonInput {
  readonly user: UserRef;
  readonly messageId: string;
  readonly customId: string;
  readonly locale?: string;
}

/** A user choosing values in a select menu on a message the bot sent. */
export interface SelectMenuInput extends ClickButtonInput {
  readonly values: readonly string[];
}

/** A user submitting a modal the bot showed them, with text input values by custom id. */
export interface SubmitModalInput {
  readonly user: UserRef;
  readonly customId: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly locale?: string;
}

/** A user writing to the bot in DMs. */
export interface DmMessageInput {
  readonly user: UserRef;
  readonly content: string;
}

/** A user writing in a guild channel or thread. */
export interface ChannelMessageInput {
  readonly user: UserRef;
  readonly channelId: string;
  readonly content: string;
}

/** What the injectors need. */
export interface InjectDeps {
  readonly world: World;
  readonly gateway: Gateway;
  readonly recorder: Recorder;
  readonly waitMs: number;
}

const SELECTS: ReadonlySet<unknown> = new Set([3, 5, 6, 7, 8]);

/** Sends INTERACTION_CREATE for a slash command; throws if the command is not among the registered ones. */
export function injectSlashCommand(deps: InjectDeps, input: SlashCommandInput): InteractionHandle {
  const { world } = deps;
  const user = world.user(input.user);
  const place = placeOf(world, input, user);
  assertSees(world, place.channel, user);
  const known = world.commandsFor(place.guildId);
  const registered = known.find((c) => c.name === input.name && c.type === ApplicationCommandType.ChatInput);
  if (known.length > 0 && registered === undefined) throw new Error(`fake Discord: /${input.name} is not registered`);
  const { options, resolved } = commandOptions(world, input, registered, place.guildId);
  return send(deps, 'command', user, place, input.locale, null, (base) =>
    slashCommandPayload(
      base,
      { id: registered?.id ?? world.nextId(), name: input.name, guildId: registered?.guild_id },
      options,
      resolved,
    ),
  );
}

/** Sends INTERACTION_CREATE for a button click; throws unless the message has that enabled button. */
export function injectButtonClick(deps: InjectDeps, input: ClickButtonInput): InteractionHandle {
  return injectComponent(deps, input, (type) => type === ComponentType.Button, undefined);
}

/** Sends INTERACTION_CREATE for a select menu choice; throws unless the message has that enabled menu. */
export function injectSelectMenu(deps: InjectDeps, input: SelectMenuInput): InteractionHandle {
  return injectComponent(deps, input, (type) => SELECTS.has(type), input.values);
}

/** Sends INTERACTION_CREATE for a modal submission; throws unless the bot showed that modal to that user. */
export function injectModalSubmit(deps: InjectDeps, input: SubmitModalInput): InteractionHandle {
  const { world } = deps;
  const user = world.user(input.user);
  const source = world.modalShownTo(user.id, input.customId);
  if (source?.shownModal == null)
    throw new Error(`fake Discord: no modal ${input.customId} was shown to ${user.username}`);
  const components = submittedComponents(source.shownModal.components, input.fields);
  const channel = world.channel(source.channelId);
  if (channel === undefined) throw new Error(`fake Discord: the modal's channel ${source.channelId} is gone`);
  assertSees(world, channel, user);
  const message = source.sourceMessageId === null ? undefined : world.message(source.sourceMessageId);
  const place = { guildId: source.guildId, channel };
  return send(deps, 'modal', user, place, input.locale, source.sourceMessageId, (base) =>
    modalSubmitPayload(base, input.customId, components, message),
  );
}

/** Sends MESSAGE_CREATE for a DM from the user (`channel_type: 1`), opening the DM channel if needed. */
export function injectDmMessage(deps: InjectDeps, input: DmMessageInput): MessageHandle {
  const user = deps.world.user(input.user);
  return post(deps, deps.world.dmChannel(user).id, null, user, input.content);
}

/** Sends MESSAGE_CREATE for a message in a guild channel or thread. */
export function injectChannelMessage(deps: InjectDeps, input: ChannelMessageInput, threadOnly: boolean): MessageHandle {
  const channel = deps.world.channel(input.channelId);
  if (channel === undefined || channel.type === ChannelType.DM || (threadOnly && !isThread(channel))) {
    throw new Error(`fake Discord: ${input.channelId} is not a ${threadOnly ? 'thread' : 'guild channel'}`);
  }
  const author = deps.world.user(input.user);
  assertSees(deps.world, channel, author);
  return post(deps, channel.id, channel.guild_id ?? null, author, input.content);
}

function injectComponent(
  deps: InjectDeps,
  input: ClickButtonInput,
  accepts: (type: unknown) => boolean,
  values: readonly string[] | undefined,
): InteractionHandle {
  const { world } = deps;
  const message = world.message(input.messageId);
  if (message === undefined) throw new Error(`fake Discord: no message ${input.messageId}`);
  const found = [...walk(message.components ?? [], [])].find(
    ({ component }) => component.custom_id === input.customId && accepts(component.type),
  );
  if (found === undefined) throw new Error(`fake Discord: message ${message.id} has no component ${input.customId}`);
  if (found.component.disabled === true) throw new Error(`fake Discord: component ${input.customId} is disabled`);
  const channel = world.channel(message.channel_id);
  if (channel === undefined) throw new Error(`fake Discord: the message's channel ${message.channel_id} is gone`);
  const user = world.user(input.user);
  assertSees(world, channel, user);
  const place = { guildId: channel.type === ChannelType.DM ? null : (channel.guild_id ?? null), channel };
  const type = found.component.type as ComponentType;
  return send(deps, 'component', user, place, input.locale, message.id, (base) =>
    componentPayload(base, message, { customId: input.customId, type, ...(values === undefined ? {} : { values }) }),
  );
}

function send(
  deps: InjectDeps,
  kind: InteractionState['kind'],
  user: ReturnType<World['user']>,
  place: Place,
  locale: string | undefined,
  sourceMessageId: string | null,
  build: (base: ReturnType<typeof interactionBase>) => APIInteraction,
): InteractionHandle {
  const { world } = deps;
  const id = world.nextId();
  const token = world.newInteractionToken(id);
  const payload = build(interactionBase(world, id, token, user, place, locale ?? 'en-US'));
  world.addInteraction({
    id,
    token,
    kind,
    createdAt: world.clock(),
    user,
    guildId: place.guildId,
    channelId: place.channel.id,
    payload,
    sourceMessageId,
    acknowledgedWith: null,
    originalMessageId: null,
    shownModal: null,
    followUpIds: new Set(),
  });
  const since = deps.recorder.lastSeq;
  const receivedBy = deps.gateway.dispatch(GatewayDispatchEvents.InteractionCreate, place.guildId, () => payload);
  return interactionHandle(deps.recorder, deps.waitMs, since, { payload, receivedBy });
}

function post(
  deps: InjectDeps,
  channelId: string,
  guildId: string | null,
  author: ReturnType<World['user']>,
  content: string,
): MessageHandle {
  const { world } = deps;
  const message: APIMessage = messagePayload({
    id: world.nextId(),
    channelId,
    guildId,
    author,
    body: { content },
    timestamp: world.isoNow(),
  });
  world.putMessage(message);
  const since = deps.recorder.lastSeq;
  const receivedBy = announceMessage(world, deps.gateway, GatewayDispatchEvents.MessageCreate, message);
  return messageHandle(deps.recorder, deps.waitMs, since, { message, receivedBy });
}

/** Discord shows a private thread only to its members and moderators: nobody else can act in it. */
function assertSees(world: World, channel: FakeChannel, user: ReturnType<World['user']>): void {
  if (!world.access.canSee(channel, user.id))
    throw new Error(`fake Discord: ${user.username} is not in private thread ${channel.id}, so cannot see it`);
}

function placeOf(world: World, input: SlashCommandInput, user: ReturnType<World['user']>): Place {
  if (input.dm === true) return { guildId: null, channel: world.dmChannel(user) };
  if (input.channelId !== undefined) {
    const channel = world.channel(input.channelId);
    if (channel === undefined) throw new Error(`fake Discord: no channel ${input.channelId}`);
    return { guildId: channel.type === ChannelType.DM ? null : (channel.guild_id ?? null), channel };
  }
  const guild = input.guildId === undefined ? world.guilds()[0] : world.guild(input.guildId);
  const channel = guild === undefined ? undefined : world.channel(guild.channelIds[0] ?? '');
  if (guild === undefined || channel === undefined) throw new Error(`fake Discord: no guild ${input.guildId ?? ''}`);
  return { guildId: guild.id, channel };
}
