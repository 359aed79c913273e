import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItsFunction, type WinkMethods } from 'wink-nlp';
import { stemKey } from './stem.js';

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

/**
 * Loads wink-nlp once per process and returns the parser. The pipe is sentence boundaries and parts of speech
 * (lemmas need them). wink's own negation flag is not read: negation.ts scopes negation itself (contrast, double
 * negatives, conditions, concessions). Its entity recogniser is left out too: it finds dates and amounts, not people
 * or places, and specificity.ts finds those at a fraction of the cost.
 */
export function loadNlp(): Nlp {
  shared ??= build(winkNLP(model, ['sbd', 'pos']));
  return shared;
}

function build(wink: WinkMethods): Nlp {
  const its = wink.its;
  type Tokens = ReturnType<ReturnType<WinkMethods['readDoc']>['tokens']>;
  const column = <T>(tokens: Tokens, f: unknown): T[] => tokens.out(f as ItsFunction<T>) as T[];
  return {
    parse(text: string): ParsedText {
      if (text.trim() === '') return { tokens: [], sentences: [] };
      const doc = wink.readDoc(text);
      const all = doc.tokens();
      const values = column<string>(all, its.value);
      const normals = column<string>(all, its.normal);
      const lemmas = column<string>(all, its.lemma);
      const tags = column<string>(all, its.pos);
      const types = column<string>(all, its.type);
      const spaces = column<string>(all, its.precedingSpaces);
      const spans = doc.sentences().out(its.span) as unknown as number[][];
      const starts = new Set<number>();
      for (const span of spans) starts.add(span[0] ?? 0);
      const tokens: Token[] = [];
      const sentences: Sentence[] = [];
      let sentence = -1;
      let first = 0;
      const add = (
        opens: boolean,
        text: string,
        space: string,
        normal: string,
        lemma: string,
        key: string,
        pos: string,
        isWord: boolean,
      ) => {
        if (opens || sentence < 0) {
          if (sentence >= 0) sentences.push({ first, last: tokens.length - 1 });
          sentence += 1;
          first = tokens.length;
        }
        tokens.push({ text, space, normal, lemma, key, pos, isWord, sentence });
      };
      let splitNext = false;
      for (let i = 0; i < values.length; i += 1) {
        const value = values[i] as string;
        const type = types[i] ?? 'unk';
        const lemma = (lemmas[i] ?? value).toLowerCase();
        const normal = normals[i] ?? value.toLowerCase();
        const space = spaces[i] ?? '';
        const pos = tags[i] ?? 'X';
        const opens = splitNext || starts.has(i);
        splitNext = false;
        if (normal === "i'm") {
          // wink keeps "I'm" whole; the analysers need the subject and the verb apart.
          add(opens, value.slice(0, 1), space, 'i', 'i', 'i', 'PRON', true);
          add(false, value.slice(1), '', 'am', 'be', 'be', 'AUX', true);
        } else if (normal === 'in.' && i + 1 < values.length) {
          // "She came in. I ..." is read as the abbreviation "in.": split it and end the sentence.
          add(opens, value.slice(0, -1), space, 'in', 'in', 'in', 'ADP', true);
          add(false, '.', '', '.', '.', '.', 'PUNCT', false);
          splitNext = true;
        } else {
          const isWord = type === 'word' || type === 'number';
          add(opens, value, space, normal, lemma, type === 'word' ? keyOf(lemma) : lemma, pos, isWord);
        }
      }
      if (sentence >= 0) sentences.push({ first, last: tokens.length - 1 });
      readContractedHad(tokens);
      return { tokens, sentences };
    },
  };
}

const participles = new Set(
  'been gone done seen taken given spoken written eaten forgotten known left made had got found told sent kept brought bought thought said paid put set'.split(
    ' ',
  ),
);
const skippable = new Set(['already', 'never', 'just', 'always', 'even', 'only', 'actually', 'really', '"', "'"]);

/** wink reads every "'d" as "would"; before a participle ("we'd rescued", "I'd already called") it is "had". */
function readContractedHad(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i += 1) {
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
