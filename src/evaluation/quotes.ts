import { type Sentence, spanText, type Token } from './nlp.js';

const breaks = new Set([',', ';', ':', '.', '!', '?', '(', ')', '"', '-']);
const leading = new Set(['and', 'but', 'so', 'then', 'because', 'also', 'or', 'which', 'that', 'well', 'um', 'uh']);

/** Short clauses of the answer (3-10 words) a follow-up can quote back, in order; longer ones cut only if none fits. */
export function quotablePhrases(tokens: readonly Token[], sentences: readonly Sentence[], limit = 8): string[] {
  const whole: string[] = [];
  // Longer clauses, as token ranges: they are trimmed into quotes only when no clause fits whole.
  const long: number[] = [];
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
      } else if (words > 10) long.push(first, i - 1);
      start = i + 1;
    }
    if (whole.length >= limit) break;
  }
  if (whole.length > 0) return whole;
  const cut: string[] = [];
  for (let k = 0; k < long.length && cut.length < limit; k += 2) {
    const phrase = toQuote(spanText(tokens, long[k] as number, long[k + 1] as number));
    if (phrase !== null && !cut.includes(phrase)) cut.push(phrase);
  }
  return cut;
}

function wordsIn(tokens: readonly Token[], first: number, last: number): number {
  let words = 0;
  for (let i = first; i <= last; i += 1) if (tokens[i]?.isWord && tokens[i]?.space !== '') words += 1;
  return words + (tokens[first]?.isWord && tokens[first]?.space === '' ? 1 : 0);
}

const quoteMarks = /["“”]/g;
const joints = /^(and|or|but|so|because|then)$/i;
const danglers = /^(a|an|the|and|or|to|of|for|with|at|in|on|my|her|his|their|but|so)$/i;
const letterOrDigit = /[\p{L}\p{N}]/u;

/** Whether a code unit is white space as `\s` reads it. */
function isSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 160) return false;
  return (
    code === 160 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The text's words: its runs of non-space characters. */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i += 1) {
    if (isSpace(text.charCodeAt(i))) {
      if (start >= 0) words.push(text.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  if (start >= 0) words.push(text.slice(start));
  return words;
}

/** Whether a word holds a letter or a digit of any script. */
function hasLetterOrDigit(word: string): boolean {
  for (let i = 0; i < word.length; i += 1) {
    const code = word.charCodeAt(i);
    if (code >= 128) return letterOrDigit.test(word);
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  }
  return false;
}

const endPunctuation = new Set([',', ';', ':', '.', '!', '?']);

/**
 * Trims a piece of the answer to a quotable phrase of 3-10 words, or null when too short. Unless `cut` allows it,
 * a phrase longer than ten words is refused rather than cut mid-thought.
 */
export function toQuote(text: string, cut = true): string | null {
  let words = wordsOf(text.replace(quoteMarks, ''));
  let skip = 0;
  while (skip < words.length && leading.has((words[skip] ?? '').toLowerCase().replace(/[^a-z]/g, ''))) skip += 1;
  if (skip > 0) words = words.slice(skip);
  if (words.length > 10) {
    if (!cut) return null;
    words = words.slice(0, 10);
    // End before a dangling "and ..." rather than mid-clause.
    const joint = words.findLastIndex((word, i) => i >= 3 && joints.test(word));
    if (joint > 0) words = words.slice(0, joint);
  }
  let end = words.length;
  while (end > 3 && danglers.test(words[end - 1] ?? '')) end -= 1;
  let counted = 0;
  for (let i = 0; i < end && counted < 3; i += 1) if (hasLetterOrDigit(words[i] as string)) counted += 1;
  if (counted < 3) return null;
  let phrase = words.slice(0, end).join(' ');
  let trimmed = phrase.length;
  while (trimmed > 0 && endPunctuation.has(phrase[trimmed - 1] as string)) trimmed -= 1;
  if (trimmed < phrase.length) phrase = phrase.slice(0, trimmed);
  return phrase;
}
