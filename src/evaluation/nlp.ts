import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { byParagraph } from './paragraphs.js';
import { reader } from './wink.js';

/** One token of an answer, with everything the analysers read. */
export type Token = {
  /** As written. */
  readonly text: string;
  /** The spaces written before it, to rebuild the candidate's own words. */
  readonly space: string;
  /** Lower case, contractions expanded ("n't" -> "not"). */
  readonly normal: string;
  readonly lemma: string;
  /** The coarse key cues match on (see stemKey). */
  readonly key: string;
  /** Universal part of speech (NOUN, VERB, AUX, PRON, PROPN, ...). */
  readonly pos: string;
  readonly isWord: boolean;
  readonly sentence: number;
};

/** A sentence as an inclusive range of token indices. */
export type Sentence = { readonly first: number; readonly last: number };

/** An answer read once: its tokens and sentences. */
export type ParsedText = {
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
};

/** The language pipeline, shared by every evaluator in the process (loading the model is the costly part). */
export type Nlp = { readonly parse: (text: string) => ParsedText };

let shared: Nlp | undefined;

/**
 * Loads wink-nlp once per process and returns the parser, which reads text paragraph by paragraph through a bounded
 * cache (see paragraphs.ts). The pipe is sentence boundaries and parts of speech (lemmas need them). wink's own
 * negation flag is not read: negation.ts scopes negation itself (contrast, double negatives, conditions,
 * concessions). Its entity recogniser is left out too: it finds dates and amounts, not people or places, and
 * specificity.ts finds those at a fraction of the cost.
 */
export function loadNlp(): Nlp {
  shared ??= byParagraph(reader(winkNLP(model, ['sbd', 'pos'])));
  return shared;
}

/** The candidate's own words for tokens first..last (inclusive), as written. */
export function spanText(tokens: readonly Token[], first: number, last: number): string {
  let out = '';
  for (let i = Math.max(0, first); i <= last && i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token !== undefined) out += i === first ? token.text : token.space + token.text;
  }
  return out.trim();
}

/** Whether the words of `phrase` follow one another from token i. */
export function startsAt(tokens: readonly Token[], i: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k += 1) if (tokens[i + k]?.normal !== phrase[k]) return false;
  return true;
}

const wordJoiners = new Set(['-', "'", '/', '’']);

/**
 * Counts words as a listener would: a word or number that starts after a space or a symbol ("£45"), but not one
 * glued on by a contraction or a hyphen ("don't", "follow-up" are one word each).
 */
export function countWords(tokens: readonly Token[]): number {
  let count = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (!token.isWord) continue;
    const previous = tokens[i - 1];
    const glued = token.space === '' && previous !== undefined && (previous.isWord || wordJoiners.has(previous.text));
    if (!glued) count += 1;
  }
  return count;
}
