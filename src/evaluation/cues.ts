import { negators } from './lexicon.js';
import type { Nlp, Token } from './nlp.js';

/**
 * A phrase compiled once at start-up into the keys it matches on. Its words must appear in order, each within one
 * word of the one before (two after a skipped article); "a", "an" and "the" may differ or be missing ("go the extra
 * mile" matches "going that extra mile"); ` * ` lets up to four words in ("call * back" matches "call the customer back").
 * A leading `~` marks a cue that counts only when denied: "~make something up" is shown by "I never make things up".
 */
export type CompiledCue = {
  readonly phrase: string;
  readonly keys: readonly string[];
  /** Per key: false for an article, which may be missing or another article. */
  readonly required: readonly boolean[];
  /** Per key: how many words a match may skip before it. */
  readonly gaps: readonly number[];
  /** The cue says its own negation ("without interrupting"): only a negation from outside denies it. */
  readonly hasNegator: boolean;
  /** The cue names what a good answer rules out ("~guess"): denied, it counts; said plainly, it does not. */
  readonly inverted: boolean;
};

/** Where a cue matched: an inclusive token range. */
export type Match = { readonly first: number; readonly last: number };

/** Looks up cues by the key a match starts from. */
export type CueIndex<T> = ReadonlyMap<string, readonly { readonly cue: CompiledCue; readonly owner: T }[]>;

const clausePunctuation = new Set([',', ';', ':', '.', '!', '?', '(', ')']);
const joiners = new Set(['-', "'", '/', '"']);
const articles = new Set(['a', 'an', 'the']);

/** Lemmatises a phrase once; null when it holds no word. */
export function compileCue(nlp: Nlp, phrase: string): CompiledCue | null {
  const inverted = phrase.startsWith('~');
  const keys: string[] = [];
  const required: boolean[] = [];
  const gaps: number[] = [];
  let hasNegator = false;
  (inverted ? phrase.slice(1) : phrase).split(' * ').forEach((segment, n) => {
    let first = true;
    for (const token of nlp.parse(segment).tokens) {
      if (!token.isWord) continue;
      keys.push(token.key);
      required.push(!articles.has(token.lemma));
      gaps.push(n > 0 && first ? 4 : 1);
      first = false;
      if (negators.has(token.lemma)) hasNegator = true;
    }
  });
  if (!required.includes(true)) return null;
  // "found a" must not shrink to "find": an article is required when it is all the cue adds.
  if (required.filter(Boolean).length === 1) required.fill(true);
  return { phrase, keys, required, gaps, hasNegator, inverted };
}

/** The key a match of this cue starts on: its first required word. */
function anchorOf(cue: CompiledCue): number {
  return cue.required.indexOf(true);
}

/** Builds the lookup from anchor key to cues, once. */
export function indexCues<T>(entries: readonly { readonly cue: CompiledCue; readonly owner: T }[]): CueIndex<T> {
  const index = new Map<string, { cue: CompiledCue; owner: T }[]>();
  for (const entry of entries) {
    const anchor = entry.cue.keys[anchorOf(entry.cue)] ?? '';
    const list = index.get(anchor);
    if (list === undefined) index.set(anchor, [entry]);
    else list.push(entry);
  }
  return index;
}

function matchAt(cue: CompiledCue, tokens: readonly Token[], start: number): Match | null {
  const sentence = tokens[start]?.sentence;
  let at = start;
  let slack = 0;
  for (let k = anchorOf(cue) + 1; k < cue.keys.length; k += 1) {
    if (!cue.required[k]) {
      slack += 1;
      continue;
    }
    let budget = (cue.gaps[k] ?? 1) + slack;
    slack = 0;
    let found = -1;
    for (let j = at + 1; j < tokens.length && budget >= 0; j += 1) {
      const token = tokens[j] as Token;
      if (token.sentence !== sentence || clausePunctuation.has(token.text)) break;
      if (token.key === cue.keys[k]) {
        found = j;
        break;
      }
      if (token.isWord && !joiners.has(token.text)) budget -= 1;
    }
    if (found < 0) return null;
    at = found;
  }
  return { first: start, last: at };
}

/** Every match of every indexed cue in the tokens, in text order. */
export function findCues<T>(
  index: CueIndex<T>,
  tokens: readonly Token[],
): { readonly cue: CompiledCue; readonly owner: T; readonly match: Match }[] {
  const found: { cue: CompiledCue; owner: T; match: Match }[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (!token.isWord || token.key === '') continue;
    const candidates = index.get(token.key);
    if (candidates === undefined) continue;
    for (const { cue, owner } of candidates) {
      const match = matchAt(cue, tokens, i);
      if (match !== null) found.push({ cue, owner, match });
    }
  }
  return found;
}
