import { CommandNames, type StartOptions } from '../../src/engine/index.js';
import type { InboundEvent } from '../../src/runtime/index.js';

/** What one typed line means. */
export type LineIntent =
  | { readonly type: 'event'; readonly event: InboundEvent['event'] }
  | { readonly type: 'help' }
  | { readonly type: 'quit' }
  | { readonly type: 'unknown'; readonly text: string };

/** Translates one line: `/command [arg]` or an answer. `start` reuses the options given on the command line. */
export function fromLine(line: string, start: StartOptions): LineIntent {
  const trimmed = line.trim();
  if (!trimmed.startsWith('/')) return { type: 'event', event: { type: 'answer', text: line } };
  const [word = '', arg = ''] = trimmed.slice(1).split(/\s+/, 2);
  const name = word.toLowerCase();
  if (name === 'help' || name === '?') return { type: 'help' };
  if (name === 'quit' || name === 'exit') return { type: 'quit' };
  if (name === 'start') return { type: 'event', event: { type: 'start', options: start } };
  if (name === 'history') return { type: 'event', event: { type: 'history' } };
  if (name === 'forget') return { type: 'event', event: { type: 'forget', confirmed: arg.toLowerCase() === 'yes' } };
  const command = CommandNames.find((c) => c === name);
  if (command === undefined) return { type: 'unknown', text: trimmed };
  const number = Number.parseInt(arg, 10);
  const question =
    (command === 'example' || command === 'retry') && Number.isInteger(number) ? { question: number } : {};
  return { type: 'event', event: { type: 'command', command: { name: command, ...question } } };
}
