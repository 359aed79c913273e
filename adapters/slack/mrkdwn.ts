/** Escapes text for Slack mrkdwn: `&`, `<` and `>` become entities, so no user text can form a mention or a link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const broadcasts: Readonly<Record<string, string>> = { channel: '@channel', here: '@here', everyone: '@everyone' };

/** One `<…>` control sequence as the words a reader sees: a mention as `@name`, a link as its label or address. */
function plainToken(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) return label === undefined ? target : `@${label.replace(/^@/, '')}`;
  if (target.startsWith('#')) return label === undefined ? target : `#${label.replace(/^#/, '')}`;
  if (target.startsWith('!')) return label ?? broadcasts[target.slice(1)] ?? '';
  return label ?? target.replace(/^mailto:/, '');
}

/**
 * Turns the text of a Slack message back into what the person typed: Slack sends mentions and links as `<…>`
 * sequences and escapes `&`, `<`, `>`; the engine wants plain words.
 */
export function plainFromSlack(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (_match, inner: string) => plainToken(inner))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
