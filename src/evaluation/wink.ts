import type { ItsFunction, WinkMethods } from 'wink-nlp';
import type { Sentence, Token } from './nlp.js';
import { stemKey } from './stem.js';

/**
 * wink's reading of one text, kept compact so that many can be cached: per token its lexeme, part of speech, the
 * spaces before it and whether a sentence starts there, in one typed array (which the garbage collector need not
 * copy or trace). `assemble` turns it into tokens.
 */
export type Scan = {
  /**
   * Two numbers per token: wink's lexeme id, then its part of speech as a number (see `tagNames`) with the
   * `spaced`, `spacedOther` and `opensSentence` bits.
   */
  readonly cells: Int32Array;
  /** Spaces other than none or one, by token index. */
  readonly spaces: ReadonlyMap<number, string> | null;
  /** Tokens read on their own, by index: parts of a contraction ("do" + "n't"), and lexemes not memoised. */
  readonly own: ReadonlyMap<number, Own> | null;
};

// wink's English model has 19 parts of speech: five bits hold them.
const tagBits = 0x1f;
const spaced = 0x20;
const spacedOther = 0x40;
const opensSentence = 0x80;

/** A token's reading that does not follow from its lexeme and part of speech. */
type Own = { readonly value: string; readonly type: string; readonly normal: string; readonly lemma: string };

/** What a lexeme always reads as, whatever its context; its lemma and key depend on its part of speech too. */
type Lexeme = {
  readonly value: string;
  readonly type: string;
  /** Lower case; read from the first use outside a contraction (inside one, wink reads it from the contraction). */
  normal: string | undefined;
  /** Lemma and key by part of speech (its number). */
  readonly senses: (Sense | undefined)[];
};
type Sense = { readonly lemma: string; readonly key: string };

// Lexemes are memoised by wink's id for them: an id always names the same string. wink gives ids to new words as
// it meets them; past this many the rest are read afresh each time, so the memo stays bounded.
const maxMemoisedLexemes = 200_000;

// Keys per lemma, memoised: answers reuse a small vocabulary. Bounded so odd input cannot grow it without end.
const keyCache = new Map<string, string>();
const keyCacheLimit = 50_000;

function keyOf(lemma: string): string {
  let key = keyCache.get(lemma);
  if (key === undefined) {
    key = stemKey(lemma);
    if (keyCache.size >= keyCacheLimit) keyCache.clear();
    keyCache.set(lemma, key);
  }
  return key;
}

const participles = new Set(
  'been gone done seen taken given spoken written eaten forgotten known left made had got found told sent kept brought bought thought said paid put set'.split(
    ' ',
  ),
);
const skippable = new Set(['already', 'never', 'just', 'always', 'even', 'only', 'actually', 'really', '"', "'"]);

/** wink reads every "'d" as "would"; before a participle ("we'd rescued", "I'd already called") it is "had". */
export function readContractedHad(tokens: Token[], from = 0): void {
  for (let i = from; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (token.lemma !== 'would' || !/^'?d$/i.test(token.text.replace('\u2019', "'"))) continue;
    let j = i + 1;
    while (j < tokens.length && skippable.has(tokens[j]?.normal ?? '')) j += 1;
    const next = tokens[j];
    if (next === undefined || next.sentence !== token.sentence) continue;
    if (participles.has(next.normal) || (next.normal.endsWith('ed') && next.normal.length > 4))
      tokens[i] = { ...token, normal: 'had', lemma: 'have', key: 'have' };
  }
}

/** "in." that wink read as an abbreviation, split back into the word and a full stop (see `assemble`). */
export function splitIn(token: Token): readonly Token[] {
  const { space, sentence } = token;
  return [
    { text: token.text.slice(0, -1), space, normal: 'in', lemma: 'in', key: 'in', pos: 'ADP', isWord: true, sentence },
    { text: '.', space: '', normal: '.', lemma: '.', key: '.', pos: 'PUNCT', isWord: false, sentence },
  ];
}

/** wink, with the memo of its lexemes: `scan` runs the pipeline, `assemble` builds tokens from a scan. */
export type Reader = {
  readonly scan: (text: string) => Scan;
  /**
   * Appends the scan's tokens and sentences (numbered on from those already there). `space`, when given, replaces
   * the spaces before the first token. "in." at the very end stays whole: only a following token shows it ends a
   * sentence.
   */
  readonly assemble: (
    scan: Scan,
    into: { readonly tokens: Token[]; readonly sentences: Sentence[] },
    space: string | null,
  ) => void;
};

/** Wraps one wink instance (pipe `sbd` and `pos`). */
export function reader(wink: WinkMethods): Reader {
  const its = wink.its;
  type Tokens = ReturnType<ReturnType<WinkMethods['readDoc']>['tokens']>;
  const column = <T>(tokens: Tokens, f: unknown): T[] => tokens.out(f as ItsFunction<T>) as T[];
  const one = <T>(tokens: Tokens, i: number, f: unknown): T => tokens.itemAt(i).out(f as ItsFunction<T>) as T;
  const tagNames: string[] = [];
  const tagNumbers = new Map<string, number>();
  const tagOf = (pos: string): number => {
    let n = tagNumbers.get(pos);
    if (n === undefined) {
      n = tagNames.length;
      tagNames.push(pos);
      tagNumbers.set(pos, n);
    }
    return n;
  };
  // Filled up front so the array keeps fast elements (sparse writes would turn it into a dictionary).
  const lexemes = new Array<Lexeme | undefined>(maxMemoisedLexemes).fill(undefined);

  const scan = (text: string): Scan => {
    const doc = wink.readDoc(text);
    const all = doc.tokens();
    // Four cheap columns; everything else a token needs is a property of its lexeme (memoised here), except in a
    // contraction's parts ("do" + "n't"), whose normal and lemma wink reads from the contraction.
    const idColumn = column<number>(all, its.uniqueId);
    const contracted = column<boolean>(all, its.contractionFlag);
    const posColumn = column<string>(all, its.pos);
    const spaceColumn = column<string>(all, its.precedingSpaces);
    const count = idColumn.length;
    const cells = new Int32Array(count * 2);
    let spaces: Map<number, string> | null = null;
    let own: Map<number, Own> | null = null;
    for (const span of doc.sentences().out(its.span) as unknown as number[][])
      cells[(span[0] ?? 0) * 2 + 1] = opensSentence;
    for (let i = 0; i < count; i += 1) {
      const id = idColumn[i] as number;
      const pos = posColumn[i] ?? 'X';
      const tag = tagOf(pos);
      const space = spaceColumn[i] ?? '';
      let mark = (cells[i * 2 + 1] as number) | tag;
      if (space === ' ') mark |= spaced;
      else if (space !== '') {
        mark |= spacedOther;
        spaces ??= new Map();
        spaces.set(i, space);
      }
      cells[i * 2] = id;
      cells[i * 2 + 1] = mark;
      let lexeme = lexemes[id];
      if (lexeme === undefined) {
        lexeme = {
          value: one(all, i, its.value),
          type: one(all, i, its.type) ?? 'unk',
          normal: undefined,
          senses: [],
        };
        if (id < maxMemoisedLexemes) lexemes[id] = lexeme;
      }
      const { value, type } = lexeme;
      if (contracted[i] === true || id >= maxMemoisedLexemes) {
        const normal = one<string>(all, i, its.normal) ?? value.toLowerCase();
        own ??= new Map();
        own.set(i, { value, type, normal, lemma: (one<string>(all, i, its.lemma) ?? value).toLowerCase() });
        continue;
      }
      lexeme.normal ??= one<string>(all, i, its.normal) ?? value.toLowerCase();
      if (lexeme.senses[tag] === undefined) {
        const lemma = (one<string>(all, i, its.lemma) ?? value).toLowerCase();
        lexeme.senses[tag] = { lemma, key: type === 'word' ? keyOf(lemma) : lemma };
      }
    }
    return { cells, spaces, own };
  };

  const assemble: Reader['assemble'] = ({ cells, spaces, own }, { tokens, sentences }, space) => {
    const count = cells.length / 2;
    const start = tokens.length;
    let sentence = sentences.length - 1;
    let first = start;
    const open = () => {
      if (tokens.length > start) sentences.push({ first, last: tokens.length - 1 });
      sentence += 1;
      first = tokens.length;
    };
    let splitNext = false;
    for (let i = 0; i < count; i += 1) {
      const mark = cells[i * 2 + 1] as number;
      const tag = mark & tagBits;
      let value: string;
      let type: string;
      let normal: string;
      let lemma: string;
      let key: string;
      const read = own === null ? undefined : own.get(i);
      if (read === undefined) {
        const lexeme = lexemes[cells[i * 2] as number] as Lexeme;
        const sense = lexeme.senses[tag] as Sense;
        value = lexeme.value;
        type = lexeme.type;
        normal = lexeme.normal as string;
        lemma = sense.lemma;
        key = sense.key;
      } else {
        value = read.value;
        type = read.type;
        normal = read.normal;
        lemma = read.lemma;
        key = type === 'word' ? keyOf(lemma) : lemma;
      }
      let before = (mark & spaced) !== 0 ? ' ' : (mark & spacedOther) !== 0 ? (spaces?.get(i) ?? '') : '';
      if (i === 0 && space !== null) before = space;
      if (splitNext || (mark & opensSentence) !== 0 || tokens.length === start) open();
      splitNext = false;
      if (normal === "i'm") {
        // wink keeps "I'm" whole; the analysers need the subject and the verb apart.
        tokens.push({
          text: value.slice(0, 1),
          space: before,
          normal: 'i',
          lemma: 'i',
          key: 'i',
          pos: 'PRON',
          isWord: true,
          sentence,
        });
        tokens.push({
          text: value.slice(1),
          space: '',
          normal: 'am',
          lemma: 'be',
          key: 'be',
          pos: 'AUX',
          isWord: true,
          sentence,
        });
      } else if (normal === 'in.' && i + 1 < count) {
        // "She came in. I ..." is read as the abbreviation "in.": split it and end the sentence.
        const token = { text: value, space: before, normal, lemma, key, pos: 'ADP', isWord: true, sentence };
        for (const part of splitIn(token)) tokens.push(part);
        splitNext = true;
      } else {
        const isWord = type === 'word' || type === 'number';
        tokens.push({ text: value, space: before, normal, lemma, key, pos: tagNames[tag] as string, isWord, sentence });
      }
    }
    if (tokens.length > start) sentences.push({ first, last: tokens.length - 1 });
  };

  return { scan, assemble };
}
