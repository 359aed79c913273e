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
  return spanText(tokens, first, last);
}

/** Adds a piece of evidence unless it is already there; keeps at most `limit`. */
export function pushUnique(list: string[], item: string, limit = 3): void {
  if (item !== '' && list.length < limit && !list.includes(item)) list.push(item);
}
