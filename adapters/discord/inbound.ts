import type { CommandName, StartOptions } from '../../src/engine/index.js';
import { type Role, Roles } from '../../src/packs/index.js';
import type { Actor, InboundEvent } from '../../src/runtime/index.js';
import { type ButtonId, parseCustomId } from './custom-id.js';

/** The Discord user behind an event, as the adapter needs them. */
export type DiscordUser = { readonly id: string; readonly name: string };

/** Slash command option values by name, as Discord resolved them. */
export type OptionValues = Readonly<Record<string, string | number | boolean | undefined>>;

/** The session key of a user's solo interview: private threads key by user too. */
export function soloKey(userId: string): InboundEvent['key'] {
  return `solo:discord:${userId}`;
}

/** The runtime's actor for a Discord user. */
export function actorOf(user: DiscordUser): Actor {
  return { platform: 'discord', userId: user.id, name: user.name };
}

function inbound(id: string, user: DiscordUser, event: InboundEvent['event'], ref?: InboundEvent['ref']): InboundEvent {
  return { id, key: soloKey(user.id), actor: actorOf(user), event, ...(ref === undefined ? {} : { ref }) };
}

const plainCommands: readonly CommandName[] = ['skip', 'repeat', 'hint', 'pause', 'resume', 'end', 'status'];

function startOptions(options: OptionValues): StartOptions {
  const { questions, role, company, values, focus, skip_intro: skipIntro, pack, seed } = options;
  const packId = typeof pack === 'string' ? pack.trim().toLowerCase() : '';
  const known: Role | undefined = Roles.find((r) => r === role);
  const name = typeof company === 'string' ? company.trim() : '';
  const list =
    typeof values === 'string'
      ? values
          .split(',')
          .map((value) => value.trim())
          .filter((value) => value !== '')
          .slice(0, 10)
      : [];
  return {
    ...(typeof questions === 'number' ? { questions } : {}),
    ...(known === undefined ? {} : { role: known }),
    ...(name === '' ? {} : { company: name }),
    ...(list.length === 0 ? {} : { companyValues: list }),
    ...(focus === 'weakest' ? { focus: 'weakest' as const } : {}),
    ...(skipIntro === true ? { skipIntro: true } : {}),
    ...(packId === '' ? {} : { pack: packId }),
    ...(typeof seed === 'number' && Number.isSafeInteger(seed) ? { seed } : {}),
  };
}

/** `/interview <subcommand>` with its options, as an event; undefined for a subcommand we do not know. */
export function fromSubcommand(subcommand: string, options: OptionValues): InboundEvent['event'] | undefined {
  if (subcommand === 'start') return { type: 'start', options: startOptions(options) };
  if (subcommand === 'history') return { type: 'history' };
  if (subcommand === 'forget') return { type: 'forget', confirmed: false };
  if (subcommand === 'example' || subcommand === 'retry') {
    const { question: number } = options;
    const question = typeof number === 'number' ? { question: number } : {};
    return { type: 'command', command: { name: subcommand, ...question } };
  }
  const name = plainCommands.find((c) => c === subcommand);
  return name === undefined ? undefined : { type: 'command', command: { name } };
}

/** One slash command as an InboundEvent (the interaction id is the event id); undefined when it is not ours. */
export function fromSlashCommand(input: {
  readonly id: string;
  readonly user: DiscordUser;
  readonly subcommand: string;
  readonly options: OptionValues;
}): InboundEvent | undefined {
  const event = fromSubcommand(input.subcommand, input.options);
  return event === undefined ? undefined : inbound(input.id, input.user, event);
}

/** What a click on one of our buttons asks for. */
export type ButtonIntent =
  | { readonly type: 'event'; readonly inbound: InboundEvent }
  /** The Answer button: show the modal, whose custom id is the button's own. */
  | { readonly type: 'modal'; readonly button: ButtonId }
  | { readonly type: 'keep' }
  | { readonly type: 'thread' }
  /** The button was sent to someone else: explain, change nothing. */
  | { readonly type: 'foreign' }
  | { readonly type: 'unknown' };

function refOf(button: ButtonId, withQuestion: boolean): InboundEvent['ref'] {
  if (button.sessionId === undefined) return undefined;
  return withQuestion && button.question !== undefined
    ? { sessionId: button.sessionId, question: button.question }
    : { sessionId: button.sessionId };
}

/** What a button of each kind asks for: an event with the reference it carries, or the adapter's own step. */
function buttonEvent(id: string, user: DiscordUser, button: ButtonId): ButtonIntent {
  const event = (e: InboundEvent['event'], ref?: InboundEvent['ref']) =>
    ({ type: 'event', inbound: inbound(id, user, e, ref) }) as const;
  switch (button.kind) {
    case 'answer':
      return { type: 'modal', button };
    case 'keep':
      return { type: 'keep' };
    case 'thread':
      return { type: 'thread' };
    case 'start':
      return event({ type: 'start', options: {} });
    case 'forget':
      return event({ type: 'forget', confirmed: true });
    case 'example':
    case 'retry': {
      const question = button.question === undefined ? {} : { question: button.question };
      return event({ type: 'command', command: { name: button.kind, ...question } }, refOf(button, false));
    }
    case 'skip':
    case 'repeat':
    case 'hint':
    case 'end':
    case 'resume':
      return event({ type: 'command', command: { name: button.kind } }, refOf(button, true));
    default:
      return button.kind satisfies never;
  }
}

/** A button click: the event it stands for, or what the adapter does itself (modal, cancel, thread, refusal). */
export function fromButton(input: {
  readonly id: string;
  readonly user: DiscordUser;
  readonly customId: string;
}): ButtonIntent {
  const button = parseCustomId(input.customId);
  if (button === undefined) return { type: 'unknown' };
  if (button.userId !== input.user.id) return { type: 'foreign' };
  return buttonEvent(input.id, input.user, button);
}

/** The answer modal's submission as an answer bound to its question; 'foreign' when sent by someone else. */
export function fromModalSubmit(input: {
  readonly id: string;
  readonly user: DiscordUser;
  readonly customId: string;
  readonly text: string;
}): InboundEvent | 'foreign' | undefined {
  const button = parseCustomId(input.customId);
  if (button?.kind !== 'answer') return undefined;
  if (button.userId !== input.user.id) return 'foreign';
  return inbound(input.id, input.user, { type: 'answer', text: input.text }, refOf(button, true));
}

/** A direct message as an answer; undefined for bots (the bot's own messages included) and empty messages. */
export function fromDirectMessage(input: {
  readonly id: string;
  readonly author: DiscordUser & { readonly bot: boolean };
  readonly content: string;
}): InboundEvent | undefined {
  if (input.author.bot || input.content.trim() === '') return undefined;
  return inbound(input.id, input.author, { type: 'answer', text: input.content });
}

/** `repeat` on the user's behalf: used when their interview moves to a private thread and nothing was held back. */
export function repeatFor(input: { readonly id: string; readonly user: DiscordUser }): InboundEvent {
  return inbound(input.id, input.user, { type: 'command', command: { name: 'repeat' } });
}
