import { escapeMarkdown } from 'discord.js';

const ZWSP = '\u200b';

/** Breaks `@everyone`, `@here` and `<@…>` mentions with a zero-width space, so echoed text does not even look like a ping. */
export function neutralise(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, `@${ZWSP}$1`).replaceAll('<@', `<${ZWSP}@`);
}

/** Makes a user's words safe to show: markdown escaped (lists, headings, links, quotes too) and mentions broken. */
export function escapeUserText(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return neutralise(escaped.replace(/^(\s*)>/gm, '$1\\>'));
}

/** A user's words on one line (a quote inside a sentence): whitespace collapsed, then made safe. */
export function inlineUserText(text: string): string {
  return escapeUserText(text.replace(/\s+/g, ' ').trim());
}

/** Where to cut `text` so the first part holds at most `max` UTF-16 units: a paragraph, line or word boundary. */
function breakPoint(text: string, max: number): number {
  const paragraph = text.lastIndexOf('\n\n', max);
  if (paragraph >= max / 2) return paragraph;
  const line = text.lastIndexOf('\n', max);
  if (line >= max / 4) return line;
  const space = Math.max(text.lastIndexOf(' ', max), text.lastIndexOf('\t', max));
  if (space > 0) return space;
  if (line > 0) return line;
  // One "word" longer than the limit: cut it, but never inside a surrogate pair or after an escaping backslash.
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  while (cut > 1 && text[cut - 1] === '\\') cut--;
  return cut;
}

/**
 * Splits text into parts of at most `max` UTF-16 units (so at most `max` characters as Discord counts them), at
 * paragraph, line or word boundaries; only a single word longer than `max` is ever cut. Never returns an empty part.
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = breakPoint(rest, max);
    const part = rest.slice(0, cut).trimEnd();
    if (part !== '') parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

/** Shortens text to at most `max` units at a word boundary, ending with an ellipsis when anything was cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const [first = ''] = splitText(text, max - 1);
  return `${first}…`;
}
