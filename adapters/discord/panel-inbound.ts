import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { PanelActor, PanelEvent, PanelOptions } from '../../src/engine/index.js';
import { type Role, Roles } from '../../src/packs/index.js';
import type { PanelInbound, PanelKey } from '../../src/runtime/index.js';
import type { DiscordUser, OptionValues } from './inbound.js';
import type { PanelButton, PanelButtonOf } from './panel-ids.js';

/** The session key of the panel that runs in a thread. */
export function panelKey(threadId: string): PanelKey {
  return `group:discord:${threadId}`;
}

/** The thread of a Discord panel key; undefined for any other key. */
export function threadOfKey(key: string): string | undefined {
  return /^group:discord:(\d{17,20})$/.exec(key)?.[1];
}

const MANAGE = PermissionFlagsBits.ManageChannels | PermissionFlagsBits.ManageThreads;

/**
 * The engine's actor for a member. `permissions` are the member's in the channel the interaction came from (none for
 * a typed message): Manage Channels or Manage Threads lets them run any panel there, as the host can.
 */
export function panelActor(user: DiscordUser, permissions: bigint | null): PanelActor {
  return { userId: user.id, name: user.name, canManage: permissions !== null && (permissions & MANAGE) !== 0n };
}

function inbound(id: string, threadId: string, event: PanelEvent): PanelInbound {
  return { id, key: panelKey(threadId), platform: 'discord', event };
}

/** `/panel open` options as the engine takes them. */
export function openOptions(options: OptionValues): PanelOptions {
  const { role: wanted } = options;
  const questions = options['questions-per-person'];
  const role: Role | undefined = Roles.find((r) => r === wanted);
  return {
    ...(typeof questions === 'number' ? { questionsPerPerson: questions } : {}),
    ...(role === undefined ? {} : { role }),
  };
}

/** `/panel <subcommand>` run in a panel's thread, as an event; undefined for `open` and anything unknown. */
export function fromPanelCommand(input: {
  readonly id: string;
  readonly threadId: string;
  readonly by: PanelActor;
  readonly subcommand: string;
  readonly options: OptionValues;
}): PanelInbound | undefined {
  const { by } = input;
  const event = (e: PanelEvent) => inbound(input.id, input.threadId, e);
  switch (input.subcommand) {
    case 'start':
      return event({ type: 'begin', by });
    case 'skip':
    case 'end':
    case 'leave':
    case 'status':
      return event({ type: input.subcommand, by });
    case 'remove': {
      const { member } = input.options;
      return typeof member === 'string' ? event({ type: 'remove', by, userId: member }) : undefined;
    }
    default:
      return undefined;
  }
}

/** What a click on a panel button asks for: an event (talking points included), or the answer or comment modal. */
export type PanelIntent =
  | { readonly type: 'event'; readonly inbound: PanelInbound }
  | { readonly type: 'modal'; readonly button: PanelButtonOf<'answer' | 'comment'> }
  /** The Answer button pressed by someone whose turn it is not: explain, change nothing. */
  | { readonly type: 'not-candidate'; readonly candidateId: string };

/** A panel button click as an intent (the interaction id is the event id). */
export function fromPanelButton(input: {
  readonly id: string;
  readonly by: PanelActor;
  readonly button: PanelButton;
}): PanelIntent {
  const { button, by } = input;
  const event = (e: PanelEvent) => ({ type: 'event', inbound: inbound(input.id, button.threadId, e) }) as const;
  switch (button.kind) {
    case 'join':
    case 'leave':
    case 'begin':
      return event({ type: button.kind, by });
    case 'skip':
      return event({ type: 'skip', by, turn: button.turn });
    case 'points':
      return event({ type: 'points', by });
    case 'rate':
      return event({ type: 'rate', by, turn: button.turn, criterion: button.criterion, level: button.level });
    case 'answer':
      return by.userId === button.candidateId
        ? { type: 'modal', button }
        : { type: 'not-candidate', candidateId: button.candidateId };
    case 'comment':
      return { type: 'modal', button };
    default:
      return button satisfies never;
  }
}

/** A submitted answer or comment modal as an event bound to its turn; undefined for any other panel id. */
export function fromPanelModal(input: {
  readonly id: string;
  readonly by: PanelActor;
  readonly button: PanelButton;
  readonly text: string;
}): PanelInbound | undefined {
  const { button, by, text } = input;
  if (button.kind === 'answer')
    return inbound(input.id, button.threadId, { type: 'answer', by, text, turn: button.turn });
  if (button.kind === 'comment')
    return inbound(input.id, button.threadId, { type: 'comment', by, turn: button.turn, text });
  return undefined;
}

/** A message typed in a panel's thread (read only with the Message Content intent) as an answer to the turn in play. */
export function fromThreadMessage(input: {
  readonly id: string;
  readonly threadId: string;
  readonly author: DiscordUser & { readonly bot: boolean };
  readonly content: string;
}): PanelInbound | undefined {
  if (input.author.bot || input.content.trim() === '') return undefined;
  const by = panelActor(input.author, null);
  return inbound(input.id, input.threadId, { type: 'answer', by, text: input.content });
}
