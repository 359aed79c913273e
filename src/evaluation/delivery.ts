import type { QuestionKind } from '../packs/schema.js';
import { fillers, hedges } from './lexicon.js';
import { startsAt, type Token } from './nlp.js';
import type { Delivery } from './types.js';

/** Words a good spoken answer runs to, by kind of question, when the question sets none. */
export const defaultTargetWords: Readonly<Record<QuestionKind, readonly [number, number]>> = {
  definition: [60, 220],
  behavioral: [120, 350],
  situational: [70, 250],
};

/** Word sequences looked up by their first word. */
type PhraseIndex = ReadonlyMap<string, readonly (readonly string[])[]>;

function indexPhrases(phrases: readonly (readonly string[])[]): PhraseIndex {
  const index = new Map<string, (readonly string[])[]>();
  for (const phrase of phrases) {
    const first = phrase[0] ?? '';
    index.set(first, [...(index.get(first) ?? []), phrase]);
  }
  return index;
}

const fillerIndex = indexPhrases(fillers);
const hedgeIndex = indexPhrases(hedges);

function findPhrases(tokens: readonly Token[], index: PhraseIndex, limit: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length && out.length < limit; i += 1) {
    const candidates = index.get((tokens[i] as Token).normal);
    if (candidates === undefined) continue;
    for (const phrase of candidates) {
      if (startsAt(tokens, i, phrase)) {
        out.push(phrase.filter((word) => word !== ',').join(' '));
        break;
      }
    }
  }
  return out;
}

/** Places a word count in the target range. */
function lengthBand(words: number, [min, max]: readonly [number, number]): Delivery['length'] {
  if (words < min * 0.5) return 'too-short';
  if (words < min) return 'short';
  if (words <= max) return 'good';
  if (words <= max * 1.5) return 'long';
  return 'too-long';
}

/** Length against the target, fillers, hedges, and whether the candidate says "I" or "we". */
export function readDelivery(
  tokens: readonly Token[],
  wordCount: number,
  targetWords: readonly [number, number],
): Delivery {
  let iCount = 0;
  let weCount = 0;
  for (const token of tokens) {
    if (token.pos !== 'PRON') continue;
    if (token.normal === 'i' || token.normal === 'me' || token.normal === 'my' || token.normal === 'myself')
      iCount += 1;
    if (token.normal === 'we' || token.normal === 'us' || token.normal === 'our' || token.normal === 'ourselves')
      weCount += 1;
  }
  const ownership =
    iCount + weCount === 0
      ? 'none'
      : weCount === 0 || iCount >= weCount * 2
        ? 'i'
        : iCount === 0 || weCount >= iCount * 2
          ? 'we'
          : 'mixed';
  return {
    wordCount,
    targetWords: [targetWords[0], targetWords[1]],
    length: lengthBand(wordCount, targetWords),
    fillers: findPhrases(tokens, fillerIndex, 50),
    hedges: findPhrases(tokens, hedgeIndex, 50),
    iCount,
    weCount,
    ownership,
  };
}
