import type { Corpus } from '../packs/schema.js';
import { functionWords, synonymKeys } from './lexicon.js';
import type { Nlp, Token } from './nlp.js';
import { cleanText, maxAnalysedChars } from './text.js';
import type { CannedCheck } from './types.js';

/** One answer reduced to what a paraphrase keeps: content lemmas and their pairs, as numbers (see `pairOf`). */
type Fingerprint = { readonly words: ReadonlySet<number>; readonly pairs: ReadonlySet<number> };

/** The canned-answer corpus, fingerprinted once at start-up, with postings from each word and pair to its answers. */
export type CannedIndex = {
  readonly ids: readonly string[];
  readonly pairCounts: readonly number[];
  readonly wordCounts: readonly number[];
  /** Each word of the corpus numbered, from 0. */
  readonly words: ReadonlyMap<string, number>;
  /** More than any word's number, in the corpus or in an answer: a pair of words is `first * pairBase + second`. */
  readonly pairBase: number;
  readonly pairPostings: ReadonlyMap<number, readonly number[]>;
  readonly wordPostings: readonly (readonly number[])[];
};

/** Similarity from which an answer counts as canned. */
export const cannedThreshold = 0.3;
// Below this many pairs an answer is too short to be judged a copy by its own share alone.
const minPairs = 12;

const synonyms: ReadonlyMap<string, string> = new Map(Object.entries(synonymKeys));

/**
 * Content lemmas with synonyms folded, and adjacent pairs within each sentence (so reordering sentences is free).
 * Words are numbered by `numberOf`, below `pairBase`.
 */
function fingerprint(tokens: readonly Token[], numberOf: (word: string) => number, pairBase: number): Fingerprint {
  const words = new Set<number>();
  const pairs = new Set<number>();
  let previous = -1;
  let sentence = -1;
  for (const token of tokens) {
    if (token.sentence !== sentence) {
      sentence = token.sentence;
      previous = -1;
    }
    if (!token.isWord || functionWords.has(token.lemma) || token.normal === 'not') continue;
    const word = numberOf(synonyms.get(token.lemma) ?? token.key);
    words.add(word);
    if (previous >= 0) pairs.add(previous * pairBase + word);
    previous = word;
  }
  return { words, pairs };
}

/** Fingerprints every corpus answer once. */
export function indexCorpus(nlp: Nlp, corpus: Corpus): CannedIndex {
  const words = new Map<string, number>();
  const numberOf = (word: string): number => {
    let n = words.get(word);
    if (n === undefined) {
      n = words.size;
      words.set(word, n);
    }
    return n;
  };
  const pairPostings = new Map<number, number[]>();
  const wordPostings: number[][] = [];
  const pairCounts: number[] = [];
  const wordCounts: number[] = [];
  const parsed = corpus.answers.map((answer) => nlp.parse(cleanText(answer.text)).tokens);
  for (const tokens of parsed) fingerprint(tokens, numberOf, 0);
  // An answer has fewer new words than characters, so every number stays below the base: pairs never collide, and
  // most stay small integers (faster in sets than larger numbers).
  const pairBase = 2 ** Math.max(15, Math.ceil(Math.log2(words.size + maxAnalysedChars + 1)));
  parsed.forEach((tokens, entry) => {
    const print = fingerprint(tokens, numberOf, pairBase);
    for (const pair of print.pairs) {
      const list = pairPostings.get(pair);
      if (list === undefined) pairPostings.set(pair, [entry]);
      else list.push(entry);
    }
    for (const word of print.words) {
      const list = wordPostings[word];
      if (list === undefined) wordPostings[word] = [entry];
      else list.push(entry);
    }
    pairCounts.push(print.pairs.size);
    wordCounts.push(print.words.size);
  });
  const ids = corpus.answers.map((answer) => answer.id);
  return { ids, pairCounts, wordCounts, words, pairBase, pairPostings, wordPostings };
}

/** An answer's fingerprint: corpus words keep their numbers, its other words are numbered after them. */
function fingerprintAnswer(index: CannedIndex, tokens: readonly Token[]): Fingerprint {
  let others: Map<string, number> | undefined;
  const numberOf = (word: string): number => {
    const known = index.words.get(word);
    if (known !== undefined) return known;
    others ??= new Map();
    let n = others.get(word);
    if (n === undefined) {
      n = index.words.size + others.size;
      others.set(word, n);
    }
    return n;
  };
  return fingerprint(tokens, numberOf, index.pairBase);
}

function countShared(
  items: ReadonlySet<number>,
  postingsOf: (item: number) => readonly number[] | undefined,
  size: number,
): Int32Array {
  const counts = new Int32Array(size);
  for (const item of items) {
    const postings = postingsOf(item);
    if (postings !== undefined) for (const entry of postings) counts[entry] = (counts[entry] ?? 0) + 1;
  }
  return counts;
}

/** How much of the answer comes from a canned one, or how much of a canned one the answer holds, whichever is more. */
function similarity(answer: Fingerprint, pairs: number, words: number, entryPairs: number, entryWords: number): number {
  if (answer.pairs.size === 0 || entryPairs === 0) return 0;
  const sizeWeight = Math.min(1, answer.pairs.size / minPairs);
  const ofAnswer = (0.7 * (pairs / answer.pairs.size) + 0.3 * (words / answer.words.size)) * sizeWeight;
  const ofEntry = 0.7 * (pairs / entryPairs) + 0.3 * (words / Math.max(1, entryWords));
  return Math.max(ofAnswer, ofEntry);
}

/** The answer's similarity to its closest canned answer; `canned` past the threshold. */
export function checkCanned(index: CannedIndex, tokens: readonly Token[]): CannedCheck {
  const print = fingerprintAnswer(index, tokens);
  const size = index.ids.length;
  const pairs = countShared(print.pairs, (pair) => index.pairPostings.get(pair), size);
  const words = countShared(print.words, (word) => index.wordPostings[word], size);
  let best = 0;
  let closestId: string | null = null;
  for (let entry = 0; entry < size; entry += 1) {
    const score = similarity(
      print,
      pairs[entry] ?? 0,
      words[entry] ?? 0,
      index.pairCounts[entry] ?? 0,
      index.wordCounts[entry] ?? 0,
    );
    if (score > best) {
      best = score;
      closestId = index.ids[entry] ?? null;
    }
  }
  const rounded = Math.round(Math.min(1, best) * 1000) / 1000;
  return { canned: rounded >= cannedThreshold, similarity: rounded, closestId: best > 0 ? closestId : null };
}
