import type { Nlp, ParsedText, Sentence, Token } from './nlp.js';
import { type Reader, readContractedHad, type Scan, splitIn } from './wink.js';

/** How many paragraphs, and how many characters in all, a scan cache keeps. */
export type CacheLimits = { readonly entries: number; readonly chars: number };

/** The limits of the process's cache: about 2,000 answers, a few megabytes. */
export const paragraphCacheLimits: CacheLimits = { entries: 2000, chars: 1_000_000 };

/** The parser, and what its cache holds now (for tests and diagnostics). */
export type ParagraphNlp = Nlp & { readonly cached: () => { readonly entries: number; readonly chars: number } };

// wink's space characters besides the line breaks it keeps as tokens (its tokenizer splits on exactly these).
const blank = '[ \\t\\r\\u00a0\\u2002-\\u2005\\u2009\\u200a\\u202f\\u205f]';
/** A blank line and all the white space around it: what separates two parts of an answer. */
const separator = new RegExp(`${blank}*\\n${blank}*\\n(?:${blank}|\\n)*`, 'g');

const enders = new Set(['.', '!', '?']);
const closers = new Set([')', '"', "'"]);

/** Whether the text so far ends on a full stop, as wink sees it: then a blank line after it opens the next sentence. */
function endsSentence(tokens: readonly Token[]): boolean {
  const last = tokens.at(-1);
  const before = tokens.at(-2);
  if (last === undefined) return false;
  if (enders.has(last.text)) return true;
  // A closing quote or bracket after the full stop; one that opens a sentence of its own does not end one.
  return closers.has(last.text) && before !== undefined && before.sentence === last.sentence && enders.has(before.text);
}

/**
 * The same characters, not a view into the text they were cut from (V8 keeps a slice's whole parent alive), so a
 * cached paragraph holds only itself.
 */
function own(piece: string): string {
  return `${piece}\u0000`.slice(0, -1);
}

/** What one separator reads as: its line-break tokens, and the spaces it leaves before the next paragraph. */
type Gap = { readonly tokens: readonly Token[]; readonly space: string };

type Parts = { readonly tokens: Token[]; readonly sentences: Sentence[] };

/**
 * Parses text paragraph by paragraph, each scanned by wink through a bounded cache of recent paragraphs: a follow-up
 * answer is read as the main answer and the follow-ups joined by blank lines, so each turn scans only its new part.
 *
 * Each paragraph is the candidate's separate message, so no sentence spans a blank line (read whole, wink joins the
 * two sides of some blank lines into one sentence: "\n\n\n" or "\r\n\r\n" after a word with no full stop). Where
 * wink does end the sentence the result is the same as reading the whole text: the blank line's own tokens go with
 * the next sentence after a full stop, and end the paragraph's last sentence otherwise.
 */
export function byParagraph(reader: Reader, limits: CacheLimits = paragraphCacheLimits): ParagraphNlp {
  const cache = new Map<string, Scan>();
  let chars = 0;
  const scan = (text: string): Scan => {
    const hit = cache.get(text);
    if (hit !== undefined) {
      cache.delete(text);
      cache.set(text, hit);
      return hit;
    }
    const scanned = reader.scan(text);
    cache.set(text, scanned);
    chars += text.length;
    for (const [old] of cache) {
      if (cache.size <= limits.entries && chars <= limits.chars) break;
      cache.delete(old);
      chars -= old.length;
    }
    return scanned;
  };
  const gaps = new Map<string, Gap>();
  const gapOf = (text: string): Gap => {
    let gap = gaps.get(text);
    if (gap === undefined) {
      // Read between two words, the separator's tokens and spaces come out as they do inside an answer.
      const parts: Parts = { tokens: [], sentences: [] };
      reader.assemble(reader.scan(`x${text}x`), parts, null);
      gap = { tokens: parts.tokens.slice(1, -1), space: parts.tokens.at(-1)?.space ?? '' };
      if (gaps.size >= 1000) gaps.clear();
      gaps.set(text, gap);
    }
    return gap;
  };
  return {
    cached: () => ({ entries: cache.size, chars }),
    parse(text: string): ParsedText {
      const parts: Parts = { tokens: [], sentences: [] };
      if (text.trim() === '') return parts;
      const pieces: string[] = [];
      const between: string[] = [];
      let from = 0;
      if (text.includes('\n'))
        for (const found of text.matchAll(separator)) {
          pieces.push(own(text.slice(from, found.index)));
          between.push(found[0]);
          from = found.index + found[0].length;
        }
      pieces.push(from === 0 ? text : own(text.slice(from)));
      if (pieces.length === 1) reader.assemble(scan(text), parts, null);
      else stitch(reader, pieces, between.map(gapOf), scan, parts);
      readContractedHad(parts.tokens);
      return parts;
    },
  };
}

/** Reads each paragraph into `parts`, placing each separator's tokens as wink places them. */
function stitch(
  reader: Reader,
  pieces: readonly string[],
  gaps: readonly Gap[],
  scan: (text: string) => Scan,
  { tokens, sentences }: Parts,
): void {
  const append = (gap: readonly Token[], sentence: number) => {
    for (const token of gap) tokens.push(token.sentence === sentence ? token : { ...token, sentence });
  };
  const ownSentence = (gap: readonly Token[]) => {
    const first = tokens.length;
    append(gap, sentences.length);
    sentences.push({ first, last: tokens.length - 1 });
  };
  const extendLast = () => {
    const last = sentences.pop();
    if (last !== undefined) sentences.push({ first: last.first, last: tokens.length - 1 });
  };
  let leading: readonly Token[] = [];
  let space: string | null = null;
  pieces.forEach((piece, k) => {
    const before = tokens.length;
    if (piece.trim() !== '') {
      const base = sentences.length;
      append(leading, base);
      reader.assemble(scan(piece), { tokens, sentences }, space);
      const opening = sentences[base];
      if (leading.length > 0 && opening !== undefined) sentences[base] = { first: before, last: opening.last };
      leading = [];
    } else if (leading.length > 0) {
      ownSentence(leading);
      leading = [];
    }
    const gap = gaps[k];
    if (gap === undefined) return;
    space = gap.space;
    const last = tokens.at(-1);
    if (last === undefined) {
      // A blank line before anything: wink reads it as a sentence of its own.
      ownSentence(gap.tokens);
    } else if (last.normal === 'in.' && tokens.length > before) {
      // The end of a part is no abbreviation: "came in." is "in" and a full stop, and the sentence ends there.
      tokens.pop();
      for (const token of splitIn(last)) tokens.push(token);
      extendLast();
      ownSentence(gap.tokens);
    } else if (leading.length === 0 && endsSentence(tokens)) {
      leading = gap.tokens;
    } else {
      append(gap.tokens, last.sentence);
      extendLast();
    }
  });
  if (leading.length > 0) ownSentence(leading);
}
