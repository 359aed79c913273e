import type { Corpus } from '../packs/schema.js';
import { functionWords, synonymKeys } from './lexicon.js';
import type { Nlp, Token } from './nlp.js';
import { cleanText } from './text.js';
import type { CannedCheck } from './types.js';

/** One canned answer reduced to what a paraphrase keeps: content lemmas and their pairs. */
type Fingerprint = { readonly words: ReadonlySet<string>; readonly pairs: ReadonlySet<string> };

/** The canned-answer corpus, fingerprinted once at start-up, with postings from each word and pair to its answers. */
export type CannedIndex = {
  readonly ids: readonly string[];
  readonly pairCounts: readonly number[];
  readonly wordCounts: readonly number[];
  readonly pairPostings: ReadonlyMap<string, readonly number[]>;
  readonly wordPostings: ReadonlyMap<string, readonly number[]>;
};

/** Similarity from which an answer counts as canned. */
export const cannedThreshold = 0.3;
// Below this many pairs an answer is too short to be judged a copy by its own share alone.
const minPairs = 12;

/** Content lemmas with synonyms folded, and adjacent pairs within each sentence (so reordering sentences is free). */
function fingerprint(tokens: readonly Token[]): Fingerprint {
  const words = new Set<string>();
  const pairs = new Set<string>();
  let previous: string | null = null;
  let sentence = -1;
  for (const token of tokens) {
    if (token.sentence !== sentence) {
      sentence = token.sentence;
      previous = null;
    }
    if (!token.isWord || functionWords.has(token.lemma) || token.normal === 'not') continue;
    const key = synonymKeys[token.lemma] ?? token.key;
    words.add(key);
    if (previous !== null) pairs.add(`${previous} ${key}`);
    previous = key;
  }
  return { words, pairs };
}

function post(postings: Map<string, number[]>, items: ReadonlySet<string>, entry: number): void {
  for (const item of items) {
    const list = postings.get(item);
    if (list === undefined) postings.set(item, [entry]);
    else list.push(entry);
  }
}

/** Fingerprints every corpus answer once. */
export function indexCorpus(nlp: Nlp, corpus: Corpus): CannedIndex {
  const pairPostings = new Map<string, number[]>();
  const wordPostings = new Map<string, number[]>();
  const pairCounts: number[] = [];
  const wordCounts: number[] = [];
  corpus.answers.forEach((answer, entry) => {
    const print = fingerprint(nlp.parse(cleanText(answer.text)).tokens);
    post(pairPostings, print.pairs, entry);
    post(wordPostings, print.words, entry);
    pairCounts.push(print.pairs.size);
    wordCounts.push(print.words.size);
  });
  return { ids: corpus.answers.map((answer) => answer.id), pairCounts, wordCounts, pairPostings, wordPostings };
}

function shared(
  items: ReadonlySet<string>,
  postings: ReadonlyMap<string, readonly number[]>,
  size: number,
): Int32Array {
  const counts = new Int32Array(size);
  for (const item of items) for (const entry of postings.get(item) ?? []) counts[entry] = (counts[entry] ?? 0) + 1;
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
  const print = fingerprint(tokens);
  const size = index.ids.length;
  const pairs = shared(print.pairs, index.pairPostings, size);
  const words = shared(print.words, index.wordPostings, size);
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
