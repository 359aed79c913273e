import type { types } from '@slack/bolt';
import { z } from 'zod';
import { type Action, type CommandName, CommandNames } from '../../src/engine/index.js';
import { button } from './blocks.js';

/** Every action id this adapter puts on a solo button starts with `iv:`; `iv:panel-` ones are the panels'. */
export const ACTION_PATTERN = /^iv:(?!panel-)/;
/** The App Home button that opens the start modal. */
export const HOME_START = 'iv:home-start';
/** The buttons of the forget confirmation. */
export const FORGET_CONFIRM = 'iv:forget-confirm';
export const FORGET_CANCEL = 'iv:forget-cancel';

/** Where a button was sent: the session and (1-based) question it belongs to, and a command's question number. */
export type ButtonScope = { readonly sessionId?: string; readonly question?: number; readonly arg?: number };

/** What a click on one of our buttons asks for. */
export type ButtonMeaning =
  | { readonly type: 'command'; readonly name: CommandName; readonly scope: ButtonScope }
  | { readonly type: 'start' | 'home-start' | 'forget-confirm' | 'forget-cancel' };

const Value = z.object({
  s: z.string().min(1).max(64).optional(),
  q: z.number().int().positive().optional(),
  n: z.number().int().positive().optional(),
});

/** A button's value: the scope as compact JSON (well under Slack's 2,000 chars). */
export function encodeScope(scope: ButtonScope): string {
  return JSON.stringify({ s: scope.sessionId, q: scope.question, n: scope.arg });
}

/** Reads a button's value back; anything unreadable is an empty scope. */
export function decodeScope(value: string | undefined): ButtonScope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? '{}');
  } catch {
    return {};
  }
  const result = Value.safeParse(parsed);
  if (!result.success) return {};
  const { s, q, n } = result.data;
  return {
    ...(s === undefined ? {} : { sessionId: s }),
    ...(q === undefined ? {} : { question: q }),
    ...(n === undefined ? {} : { arg: n }),
  };
}

/** The meaning of a click from its action id and value; undefined for an action that is not ours. */
export function meaningOf(actionId: string, value: string | undefined): ButtonMeaning | undefined {
  const match = /^iv:([a-z-]+)(?::\d+)?$/.exec(actionId);
  const name = match?.[1];
  if (name === 'start' || name === 'home-start' || name === 'forget-confirm' || name === 'forget-cancel')
    return { type: name };
  const command = CommandNames.find((c) => c === name);
  return command === undefined ? undefined : { type: 'command', name: command, scope: decodeScope(value) };
}

const labels: Record<Exclude<Action, 'answer'>, string> = {
  skip: 'Skip',
  repeat: 'Repeat',
  hint: 'Hint',
  end: 'End interview',
  example: 'Model answer',
  retry: 'Retry',
  resume: 'Resume',
  start: 'Start an interview',
};

/** Buttons for the engine's suggested actions; `answer` is typed, so it gets no button. */
export function actionButtons(list: readonly Action[] | undefined, scope: ButtonScope): types.Button[] {
  return (list ?? []).flatMap((action) => {
    if (action === 'answer') return [];
    if (action === 'start') return [button(labels.start, 'iv:start', undefined, 'primary')];
    const suffix = scope.arg === undefined ? '' : `:${scope.arg}`;
    const style = action === 'resume' ? 'primary' : undefined;
    return [button(labels[action], `iv:${action}${suffix}`, encodeScope(scope), style)];
  });
}
