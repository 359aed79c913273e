import type { Match } from './cues.js';
import { spanText, type Token } from './nlp.js';

const clauseEnds = new Set([',', ';', ':', '.', '!', '?', '(', ')', '"']);

/** The clause around a match, at most `maxWords` words, in the candidate's own words. */
export function evidenceFor(tokens: readonly Token[], match: Match, maxWords = 14): string {
  const sentence = tokens[match.first]?.sentence;
  let first = match.first;
  let last = match.last;
  let words = 0;
  for (let i = match.first; i <= match.last; i += 1) if (tokens[i]?.isWord) words += 1;
  let growLeft = true;
  let growRight = true;
  while ((growLeft || growRight) && words < maxWords) {
    if (growRight) {
      const next = tokens[last + 1];
      if (next === undefined || next.sentence !== sentence || clauseEnds.has(next.text)) growRight = false;
      else {
        last += 1;
        if (next.isWord) words += 1;
      }
    }
    if (growLeft && words < maxWords) {
      const previous = tokens[first - 1];
      if (previous === undefined || previous.sentence !== sentence || clauseEnds.has(previous.text)) growLeft = false;
      else {
        first -= 1;
        if (previous.isWord) words += 1;
      }
    }
  }
  // A clause cut within a couple of words of its own start or end reads as a fragment ("me customer service means"):
  // the quote takes those words too.
  first = clauseEdge(tokens, first, -1, sentence);
  last = clauseEdge(tokens, last, 1, sentence);
  return spanText(tokens, first, last);
}

/** How many words past `from` (going `step`) a quote may reach to close its clause. */
const closingWords = 2;

/** `from`, or the clause's edge if it lies within `closingWords` words in the direction of `step`. */
function clauseEdge(tokens: readonly Token[], from: number, step: 1 | -1, sentence: number | undefined): number {
  let at = from;
  let words = 0;
  for (let i = from + step; ; i += step) {
    const token = tokens[i];
    if (token === undefined || token.sentence !== sentence || clauseEnds.has(token.text)) return at;
    if (token.isWord) {
      words += 1;
      if (words > closingWords) return from;
    }
    at = i;
  }
}

/** Adds a piece of evidence unless it is already there; keeps at most `limit`. */
export function pushUnique(list: string[], item: string, limit = 3): void {
  if (item !== '' && list.length < limit && !list.includes(item)) list.push(item);
}
