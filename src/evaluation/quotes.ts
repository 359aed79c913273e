import { type Sentence, spanText, type Token } from './nlp.js';

const breaks = new Set([',', ';', ':', '.', '!', '?', '(', ')', '"', '-']);
const leading = new Set(['and', 'but', 'so', 'then', 'because', 'also', 'or', 'which', 'that', 'well', 'um', 'uh']);

/** Short clauses of the answer (3-10 words) a follow-up can quote back, in order; longer ones cut only if none fits. */
export function quotablePhrases(tokens: readonly Token[], sentences: readonly Sentence[], limit = 8): string[] {
  const whole: string[] = [];
  const cut: string[] = [];
  for (const sentence of sentences) {
    let start = sentence.first;
    for (let i = sentence.first; i <= sentence.last + 1 && whole.length < limit; i += 1) {
      const token = tokens[i];
      if (i <= sentence.last && token !== undefined && !breaks.has(token.text)) continue;
      let first = start;
      while (first < i && (!tokens[first]?.isWord || leading.has(tokens[first]?.normal ?? ''))) first += 1;
      const words = wordsIn(tokens, first, i - 1);
      if (words >= 3 && words <= 10) {
        const phrase = toQuote(spanText(tokens, first, i - 1), false);
        if (phrase !== null && !whole.includes(phrase)) whole.push(phrase);
      } else if (words > 10 && cut.length < limit) {
        const phrase = toQuote(spanText(tokens, first, i - 1));
        if (phrase !== null && !cut.includes(phrase)) cut.push(phrase);
      }
      start = i + 1;
    }
  }
  return whole.length > 0 ? whole : cut;
}

function wordsIn(tokens: readonly Token[], first: number, last: number): number {
  let words = 0;
  for (let i = first; i <= last; i += 1) if (tokens[i]?.isWord && tokens[i]?.space !== '') words += 1;
  return words + (tokens[first]?.isWord && tokens[first]?.space === '' ? 1 : 0);
}

/**
 * Trims a piece of the answer to a quotable phrase of 3-10 words, or null when too short. Unless `cut` allows it,
 * a phrase longer than ten words is refused rather than cut mid-thought.
 */
export function toQuote(text: string, cut = true): string | null {
  let words = text
    .replace(/["“”]/g, '')
    .split(/\s+/)
    .filter((word) => word !== '');
  while (words.length > 0 && leading.has((words[0] ?? '').toLowerCase().replace(/[^a-z]/g, ''))) words = words.slice(1);
  if (words.length > 10) {
    if (!cut) return null;
    words = words.slice(0, 10);
    // End before a dangling "and ..." rather than mid-clause.
    const joint = words.findLastIndex((word, i) => i >= 3 && /^(and|or|but|so|because|then)$/i.test(word));
    if (joint > 0) words = words.slice(0, joint);
  }
  while (
    words.length > 3 &&
    /^(a|an|the|and|or|to|of|for|with|at|in|on|my|her|his|their|but|so)$/i.test(words.at(-1) ?? '')
  )
    words = words.slice(0, -1);
  const phrase = words.join(' ').replace(/[,;:.!?]+$/, '');
  const count = phrase.split(' ').filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return count >= 3 ? phrase : null;
}
