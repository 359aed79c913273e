import { z } from 'zod';
import { Criteria, type Criterion, type Level } from '../../src/engine/index.js';
import type { PanelKey } from '../../src/runtime/index.js';

/** Every action id on a panel's buttons starts with `iv:panel-`; the solo listeners leave these alone. */
export const PANEL_ACTION_PATTERN = /^iv:panel-/;

/** The action ids of the panel's buttons and select. */
export const PanelAction = {
  join: 'iv:panel-join',
  leave: 'iv:panel-leave',
  begin: 'iv:panel-begin',
  skip: 'iv:panel-skip',
  end: 'iv:panel-end',
  remove: 'iv:panel-remove',
  comment: 'iv:panel-comment',
} as const;

/** The callback id of the comment modal. */
export const PANEL_COMMENT_MODAL = 'iv:panel-comment-modal';

/** Where a panel lives on Slack: a channel, and the ts of the lobby message whose thread holds it. */
export type Where = { readonly channel: string; readonly thread: string };

const tsPattern = /^\d{1,12}\.\d{1,8}$/;
const channelPattern = /^[CG][A-Z0-9]{2,}$/;

/** Whether `ts` has Slack's message-timestamp shape (`1700000000.000100`). */
export const isTs = (ts: string | undefined): ts is string => ts !== undefined && tsPattern.test(ts);

/** The panel's session key: `group:slack:<channel>:<lobby ts>`. */
export function panelKey(where: Where): PanelKey {
  return `group:slack:${where.channel}:${where.thread}`;
}

/** The channel and thread of a Slack panel key; `undefined` for any other key. */
export function whereOf(key: string): Where | undefined {
  const [group, platform, channel, thread, ...rest] = key.split(':');
  if (group !== 'group' || platform !== 'slack' || rest.length > 0) return undefined;
  if (channel === undefined || !channelPattern.test(channel) || !isTs(thread)) return undefined;
  return { channel, thread };
}

/** The action id of one level button of one criterion: `iv:panel-rate:<criterion>:<level>`, unique per message. */
export function rateActionId(criterion: Criterion, level: Level): string {
  return `iv:panel-rate:${criterion}:${level}`;
}

/** The criterion and level a rate button stands for; `undefined` for any other action id. */
export function rateOf(actionId: string): { readonly criterion: Criterion; readonly level: Level } | undefined {
  const match = /^iv:panel-rate:([a-z-]+):([1-4])$/.exec(actionId);
  const criterion = Criteria.find((c) => c === match?.[1]);
  const level = Number(match?.[2]);
  if (criterion === undefined || (level !== 1 && level !== 2 && level !== 3 && level !== 4)) return undefined;
  return { criterion, level };
}

/** What a panel button carries: its panel's thread and, for ratings and comments, the turn it was sent for. */
export type PanelValue = { readonly thread?: string; readonly turn?: number };

const Value = z.object({ t: z.string().regex(tsPattern).optional(), n: z.number().int().positive().optional() });

/** A panel button's value as compact JSON. */
export function encodePanelValue(value: PanelValue): string {
  return JSON.stringify({ t: value.thread, n: value.turn });
}

/** Reads a panel button's value back; anything unreadable is empty. */
export function decodePanelValue(value: string | undefined): PanelValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? '{}');
  } catch {
    return {};
  }
  const result = Value.safeParse(parsed);
  if (!result.success) return {};
  const { t, n } = result.data;
  return { ...(t === undefined ? {} : { thread: t }), ...(n === undefined ? {} : { turn: n }) };
}
