import type { types } from '@slack/bolt';
import { escapeMrkdwn } from './mrkdwn.js';
import { clip, splitText } from './split.js';

/** A Block Kit block. */
export type Block = types.KnownBlock;

/** Slack's limits that rendering keeps to (messages: 50 blocks; section text: 3,000 chars; text: 40,000). */
export const limits = {
  messageBlocks: 50,
  sectionText: 3_000,
  headerText: 150,
  buttonText: 75,
  actionsElements: 25,
  /** The plain `text` of a message is only a fallback for notifications, so it stays far below 40,000. */
  fallbackText: 3_000,
} as const;

/** One chat message: Block Kit blocks plus the plain `text` Slack shows in notifications. */
export type SlackMessage = { readonly text: string; readonly blocks: readonly Block[] };

/** Builds mrkdwn: the template's own text is markup, every interpolated value is escaped. */
export function md(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  return strings.reduce((out, part, i) => {
    const value = values[i - 1];
    return out + (value === undefined ? '' : escapeMrkdwn(String(value))) + part;
  });
}

/** A mrkdwn text object Slack shows as written: no auto-linking of URLs, channel names or mentions. */
export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** A plain-text object cut to `max` characters. */
export function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: clip(text, max), emoji: true };
}

/** Section blocks for mrkdwn `text` (already escaped), split at line or word boundaries to 3,000 chars each. */
export function sections(text: string): Block[] {
  return splitText(text, limits.sectionText).map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
}

/** A header block (plain text, at most 150 chars). */
export function header(text: string): Block {
  return { type: 'header', text: plain(text, limits.headerText) };
}

/** A context block: one line of small mrkdwn (already escaped). */
export function context(text: string): Block {
  return { type: 'context', elements: [mrkdwn(clip(text, limits.sectionText))] };
}

/** A divider. */
export function divider(): Block {
  return { type: 'divider' };
}

/** A button; `value` carries what the click means. */
export function button(label: string, actionId: string, value?: string, style?: 'primary' | 'danger'): types.Button {
  return {
    type: 'button',
    text: plain(label, limits.buttonText),
    action_id: actionId,
    ...(value === undefined ? {} : { value }),
    ...(style === undefined ? {} : { style }),
  };
}

/** Actions blocks holding `buttons` (none when there are none). */
export function actions(buttons: readonly types.Button[]): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < buttons.length; i += limits.actionsElements)
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + limits.actionsElements) });
  return blocks;
}

/** The readable text of a block, as mrkdwn, for a message's fallback. */
function textOf(block: Block): string | undefined {
  switch (block.type) {
    case 'section':
      return block.text?.text;
    case 'header':
      return escapeMrkdwn(block.text.text);
    case 'context':
      return block.elements.map((e) => ('text' in e && typeof e.text === 'string' ? e.text : '')).join(' ');
    default:
      return undefined;
  }
}

/** A message's plain `text` from its blocks, cut to a notification's length. */
export function fallbackText(blocks: readonly Block[]): string {
  const text = blocks
    .map(textOf)
    .filter((t): t is string => t !== undefined && t !== '')
    .join('\n');
  return clip(text === '' ? 'Interview practice' : text, limits.fallbackText);
}

/**
 * Packs groups of blocks (a question's feedback, a list) into as few messages as Slack's 50-block limit allows,
 * keeping each group whole unless it alone is over the limit; each message gets its own fallback text.
 */
export function paginate(groups: readonly (readonly Block[])[]): SlackMessage[] {
  const chunks: Block[][] = [];
  let current: Block[] = [];
  for (const group of groups) {
    if (current.length + group.length > limits.messageBlocks && current.length > 0) {
      chunks.push(current);
      current = [];
    }
    for (const block of group) {
      if (current.length === limits.messageBlocks) {
        chunks.push(current);
        current = [];
      }
      current.push(block);
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks.map((blocks) => ({ text: fallbackText(blocks), blocks }));
}
