/** Where to cut `text` (at most `max` chars) so neither a surrogate pair nor an `&…;` entity is split. */
function hardCut(text: string, max: number): number {
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const amp = text.lastIndexOf('&', cut - 1);
  const entity = amp < 0 ? undefined : /^&(?:[a-z]+|#\d+);/i.exec(text.slice(amp, amp + 10))?.[0];
  if (entity !== undefined && amp + entity.length > cut) cut = amp;
  return cut > 0 ? cut : max;
}

/** The end of the first piece: the last line break in the window, else the last space, else a hard cut. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const line = window.lastIndexOf('\n');
  if (line >= max / 2) return line;
  const space = window.lastIndexOf(' ');
  if (space > 0) return space;
  return line > 0 ? line : hardCut(text, max);
}

/**
 * Cuts `text` into pieces of at most `max` characters, at line breaks where it can and otherwise between words;
 * only a single word longer than `max` is cut inside, and never through an entity or an emoji.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    const piece = rest.slice(0, cut).trimEnd();
    if (piece !== '') pieces.push(piece);
    rest = rest.slice(cut).replace(/^[ \n]+/, '');
  }
  if (rest.trim() !== '') pieces.push(rest);
  return pieces;
}

/** Shortens `text` to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const [first = ''] = splitText(text, max - 1);
  return `${first}…`;
}
