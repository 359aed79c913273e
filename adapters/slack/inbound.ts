import { z } from 'zod';
import type { CommandName } from '../../src/engine/index.js';
import type { Actor, InboundEvent } from '../../src/runtime/index.js';
import { meaningOf } from './buttons.js';
import { plainFromSlack } from './mrkdwn.js';
import { parseStartArgs } from './start-args.js';

/** What one Slack payload asks of the adapter. */
export type SlackIntent =
  | { readonly type: 'turn'; readonly inbound: InboundEvent }
  | { readonly type: 'help'; readonly unknown?: string }
  | { readonly type: 'open-start' }
  | { readonly type: 'cancel-forget' }
  | { readonly type: 'ignore' };

const ignore: SlackIntent = { type: 'ignore' };

/** The actor and session key of a Slack user: a solo interview per user. */
function who(userId: string, name: string | undefined): Pick<InboundEvent, 'key' | 'actor'> {
  const actor: Actor = { platform: 'slack', userId, name: name === undefined || name === '' ? userId : name };
  return { key: `solo:slack:${userId}`, actor };
}

function turn(id: string, userId: string, name: string | undefined, event: InboundEvent['event']): SlackIntent {
  return { type: 'turn', inbound: { id, ...who(userId, name), event } };
}

/** A `message` event as the Events API delivers it. */
export const MessageEnvelope = z.object({
  event_id: z.string().optional(),
  event: z.object({
    type: z.literal('message'),
    subtype: z.string().optional(),
    bot_id: z.string().optional(),
    user: z.string().optional(),
    text: z.string().optional(),
    channel_type: z.string().optional(),
    channel: z.string(),
    ts: z.string(),
  }),
});

/**
 * A `message` event (with its Events API envelope): a person's message in their DM with the app is an answer, or
 * `start` / `help` typed as a word; bot messages, edits and other subtypes, and other conversations are ignored.
 */
export function fromMessageEvent(body: unknown): SlackIntent {
  const parsed = MessageEnvelope.safeParse(body);
  if (!parsed.success) return ignore;
  const { event, event_id: eventId } = parsed.data;
  if (event.subtype !== undefined || event.bot_id !== undefined || event.channel_type !== 'im') return ignore;
  if (event.user === undefined) return ignore;
  const text = plainFromSlack(event.text ?? '');
  const word = text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  if (word === 'help') return { type: 'help' };
  const id = `slack:event:${eventId ?? `${event.channel}:${event.ts}`}`;
  if (word === 'start') return turn(id, event.user, undefined, { type: 'start', options: {} });
  return turn(id, event.user, undefined, { type: 'answer', text });
}

const SlashCommand = z.object({
  text: z.string().default(''),
  user_id: z.string(),
  user_name: z.string().optional(),
  trigger_id: z.string(),
});

const commandNames: readonly CommandName[] = ['skip', 'repeat', 'hint', 'pause', 'resume', 'end', 'status'];

/** `/interview <sub> [args]`: a command, `start` with options, history, forget (asks first), or help. */
export function fromSlashCommand(body: unknown): SlackIntent {
  const parsed = SlashCommand.safeParse(body);
  if (!parsed.success) return ignore;
  const { user_id: userId, user_name: name, trigger_id: triggerId } = parsed.data;
  const text = plainFromSlack(parsed.data.text).trim();
  const [first = '', ...rest] = text.split(/\s+/);
  const sub = first.toLowerCase();
  const args = text.slice(first.length).trim();
  const id = `slack:command:${triggerId}`;
  if (sub === '' || sub === 'help' || sub === '?') return { type: 'help' };
  if (sub === 'start') return turn(id, userId, name, { type: 'start', options: parseStartArgs(args) });
  if (sub === 'history') return turn(id, userId, name, { type: 'history' });
  if (sub === 'forget') return turn(id, userId, name, { type: 'forget', confirmed: false });
  if (sub === 'example' || sub === 'retry') {
    const number = Number.parseInt(rest[0] ?? '', 10);
    const question = Number.isInteger(number) && number > 0 ? { question: number } : {};
    return turn(id, userId, name, { type: 'command', command: { name: sub, ...question } });
  }
  const command = commandNames.find((c) => c === sub);
  if (command === undefined) return { type: 'help', unknown: first };
  return turn(id, userId, name, { type: 'command', command: { name: command } });
}

const BlockActions = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string(), username: z.string().optional(), name: z.string().optional() }),
  trigger_id: z.string().optional(),
  actions: z
    .array(z.object({ action_id: z.string(), value: z.string().optional(), action_ts: z.string().optional() }))
    .min(1),
});

/** A click on one of our buttons: a command carrying the session (and question) the button was sent with. */
export function fromBlockAction(body: unknown): SlackIntent {
  const parsed = BlockActions.safeParse(body);
  if (!parsed.success) return ignore;
  const { user, actions, trigger_id: triggerId } = parsed.data;
  const [action] = actions;
  if (action === undefined) return ignore;
  const meaning = meaningOf(action.action_id, action.value);
  if (meaning === undefined) return ignore;
  const id = `slack:action:${user.id}:${action.action_ts ?? triggerId ?? action.action_id}`;
  const name = user.username ?? user.name;
  switch (meaning.type) {
    case 'home-start':
      return { type: 'open-start' };
    case 'forget-cancel':
      return { type: 'cancel-forget' };
    case 'forget-confirm':
      return turn(id, user.id, name, { type: 'forget', confirmed: true });
    case 'start':
      return turn(id, user.id, name, { type: 'start', options: {} });
    case 'command': {
      const { sessionId, question, arg } = meaning.scope;
      const command = { name: meaning.name, ...(arg === undefined ? {} : { question: arg }) };
      const intent = turn(id, user.id, name, { type: 'command', command });
      if (intent.type !== 'turn' || sessionId === undefined) return intent;
      const ref = { sessionId, ...(question === undefined ? {} : { question }) };
      return { type: 'turn', inbound: { ...intent.inbound, ref } };
    }
    default:
      return meaning satisfies never;
  }
}
