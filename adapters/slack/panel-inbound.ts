import { z } from 'zod';
import {
  CriterionLabels,
  LevelLabels,
  type PanelActor,
  type PanelEvent,
  type PanelOptions,
} from '../../src/engine/index.js';
import { MessageEnvelope } from './inbound.js';
import { plainFromSlack } from './mrkdwn.js';
import { decodePanelValue, isTs, PanelAction, rateOf, type Where } from './panel-ids.js';
import { parseStartArgs } from './start-args.js';

/** One panel event from Slack, waiting for its actor (users.info says their name and whether they manage). */
export type PanelTurnIntent = {
  readonly type: 'event';
  /** The platform's id for the event: a replay carries the same one. */
  readonly id: string;
  readonly where: Where;
  readonly userId: string;
  /** The name Slack sent with the payload, used when users.info cannot be asked. */
  readonly name?: string;
  readonly event: (by: PanelActor) => PanelEvent;
  /** Said privately when the runtime answers nothing (a rating is recorded silently). */
  readonly confirm?: string;
  /** A message typed in the thread: a private answer to it is not repeated to the same person for a while. */
  readonly typed?: boolean;
};

/** What one Slack payload asks of the panel side of the adapter. */
export type PanelIntent =
  | PanelTurnIntent
  | {
      readonly type: 'open';
      readonly id: string;
      readonly channel: string;
      readonly userId: string;
      readonly name?: string;
      readonly options: PanelOptions;
    }
  | { readonly type: 'open-comment'; readonly where: Where; readonly turn: number; readonly triggerId: string }
  | { readonly type: 'refuse'; readonly text: string }
  | { readonly type: 'ignore' };

const ignore: PanelIntent = { type: 'ignore' };

const SlashCommand = z.object({
  text: z.string().default(''),
  user_id: z.string(),
  user_name: z.string().optional(),
  channel_id: z.string(),
  channel_name: z.string().optional(),
  trigger_id: z.string(),
});

/** The subcommand word of `/interview <sub> …`, in lower case. */
function subOf(text: string): string {
  return (plainFromSlack(text).trim().split(/\s+/)[0] ?? '').toLowerCase();
}

/** Whether a slash command payload is `/interview panel …`. */
export function isPanelCommand(body: unknown): boolean {
  const parsed = SlashCommand.safeParse(body);
  return parsed.success && subOf(parsed.data.text) === 'panel';
}

/** `/interview panel [questions-per-person] [role]` in a channel: open a panel there; in a DM, say where to. */
export function fromPanelCommand(body: unknown): PanelIntent {
  const parsed = SlashCommand.safeParse(body);
  if (!parsed.success || subOf(parsed.data.text) !== 'panel') return ignore;
  const { user_id: userId, user_name: name, channel_id: channel, trigger_id: triggerId } = parsed.data;
  if (parsed.data.channel_name === 'directmessage' || !/^[CG]/.test(channel))
    return {
      type: 'refuse',
      text: 'A panel runs in a channel: type `/interview panel` in the channel where your group practises.',
    };
  const args = plainFromSlack(parsed.data.text)
    .trim()
    .replace(/^\S+\s*/, '');
  const { questions, role } = parseStartArgs(args);
  const options: PanelOptions = {
    ...(questions === undefined ? {} : { questionsPerPerson: questions }),
    ...(role === undefined ? {} : { role }),
  };
  return {
    type: 'open',
    id: `slack:command:${triggerId}`,
    channel,
    userId,
    ...(name === undefined ? {} : { name }),
    options,
  };
}

const ThreadMessage = MessageEnvelope.extend({
  event: MessageEnvelope.shape.event.extend({
    thread_ts: z.string().optional(),
    parent_user_id: z.string().optional(),
  }),
});

/**
 * A person's reply in a channel thread under one of the app's messages (a panel's lobby): an answer for that
 * panel. Top-level messages, threads under other people's messages, bot messages, edits and DMs are not ours.
 */
export function fromThreadMessage(body: unknown, botUserId: string | undefined): PanelIntent {
  const parsed = ThreadMessage.safeParse(body);
  if (!parsed.success) return ignore;
  const { event, event_id: eventId } = parsed.data;
  const { user, thread_ts: thread } = event;
  if (event.subtype !== undefined && event.subtype !== 'thread_broadcast') return ignore;
  if (event.bot_id !== undefined || user === undefined || user === botUserId) return ignore;
  if (event.channel_type !== 'channel' && event.channel_type !== 'group') return ignore;
  if (!isTs(thread) || thread === event.ts) return ignore;
  // Slack names the parent's author on thread replies; should it ever be missing, the runtime says "no panel" once.
  const parent = event.parent_user_id;
  if (botUserId !== undefined && parent !== undefined && parent !== botUserId) return ignore;
  const text = plainFromSlack(event.text ?? '');
  return {
    type: 'event',
    id: `slack:event:${eventId ?? `${event.channel}:${event.ts}`}`,
    where: { channel: event.channel, thread },
    userId: user,
    event: (by) => ({ type: 'answer', by, text }),
    typed: true,
  };
}

const Action = z.object({
  action_id: z.string(),
  value: z.string().optional(),
  action_ts: z.string().optional(),
  selected_option: z.object({ value: z.string() }).nullish(),
});
const BlockActions = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string(), username: z.string().optional(), name: z.string().optional() }),
  trigger_id: z.string().optional(),
  container: z
    .object({
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      thread_ts: z.string().optional(),
    })
    .optional(),
  channel: z.object({ id: z.string() }).optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z.array(Action).min(1),
});

type Click = z.infer<typeof BlockActions>;

/** The panel a click belongs to: the thread the button names, else the clicked message's thread (or itself). */
function whereClicked(click: Click, thread: string | undefined): Where | undefined {
  const channel = click.container?.channel_id ?? click.channel?.id;
  const ts = [thread, click.message?.thread_ts, click.container?.thread_ts, click.container?.message_ts].find(isTs);
  return channel === undefined || ts === undefined ? undefined : { channel, thread: ts };
}

/** The event a panel control stands for, given who clicked. */
function controlEvent(actionId: string, selected: string | undefined): ((by: PanelActor) => PanelEvent) | undefined {
  switch (actionId) {
    case PanelAction.join:
      return (by) => ({ type: 'join', by });
    case PanelAction.leave:
      return (by) => ({ type: 'leave', by });
    case PanelAction.begin:
      return (by) => ({ type: 'begin', by });
    case PanelAction.skip:
      return (by) => ({ type: 'skip', by });
    case PanelAction.end:
      return (by) => ({ type: 'end', by });
    case PanelAction.remove:
      return selected === undefined || !/^[UW][A-Z0-9]{2,}$/.test(selected)
        ? undefined
        : (by) => ({ type: 'remove', by, userId: selected });
    default:
      return undefined;
  }
}

/** A click on a panel's button or select: an event for that panel, or the comment modal to open. */
export function fromPanelAction(body: unknown): PanelIntent {
  const parsed = BlockActions.safeParse(body);
  if (!parsed.success) return ignore;
  const click = parsed.data;
  const [action] = click.actions;
  if (action === undefined) return ignore;
  const value = decodePanelValue(action.value);
  const where = whereClicked(click, value.thread);
  if (where === undefined) return ignore;
  const { user } = click;
  const name = user.username ?? user.name;
  const base = {
    type: 'event' as const,
    id: `slack:action:${user.id}:${action.action_ts ?? click.trigger_id ?? action.action_id}`,
    where,
    userId: user.id,
    ...(name === undefined ? {} : { name }),
  };
  if (action.action_id === PanelAction.comment)
    return value.turn === undefined || click.trigger_id === undefined
      ? ignore
      : { type: 'open-comment', where, turn: value.turn, triggerId: click.trigger_id };
  const rate = rateOf(action.action_id);
  if (rate !== undefined) {
    const { turn } = value;
    if (turn === undefined) return ignore;
    const confirm = `Noted: ${CriterionLabels[rate.criterion]}, ${LevelLabels[rate.level]}. Click another level to change it.`;
    return { ...base, event: (by) => ({ type: 'rate', by, turn, ...rate }), confirm };
  }
  const event = controlEvent(action.action_id, action.selected_option?.value);
  return event === undefined ? ignore : { ...base, event };
}
