import type { Stock } from './cliches.js';
import { pushUnique } from './evidence.js';
import { functionWords, numberWords, timeWords } from './lexicon.js';
import type { Narrative } from './narrative.js';
import { type Sentence, spanText, type Token } from './nlp.js';
import type { Specificity } from './types.js';

const genericSubjects = new Set(
  'customer client people everyone everybody you they it service person good great excellent key important company business'.split(
    ' ',
  ),
);
const notNames = new Set(['i', 'ok', 'okay', 'star', 'mr', 'mrs', 'ms', 'dr', 'customer', 'service', 'god']);
const timeOpeners = new Set([
  'last',
  'next',
  'every',
  'within',
  'ago',
  'after',
  'before',
  'during',
  'that',
  'one',
  'same',
  'few',
]);

function isNumber(token: Token): boolean {
  return (token.isWord && /^\d/.test(token.text)) || numberWords.has(token.normal);
}

/** A rough count rather than a detail: "a question or two", "two or three times", "5 or 6", "ten or so". */
function isApproximate(tokens: readonly Token[], i: number): boolean {
  const { sentence } = tokens[i] as Token;
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  const next = tokens[i + 2];
  if (before?.sentence === sentence && before.normal === 'or') return true;
  return (
    after?.sentence === sentence &&
    after.normal === 'or' &&
    next?.sentence === sentence &&
    (isNumber(next) || next.normal === 'so')
  );
}

function phraseAt(tokens: readonly Token[], first: number, last: number): string {
  let end = first;
  for (let j = first + 1; j <= last && j < tokens.length; j += 1) {
    const token = tokens[j] as Token;
    if (!token.isWord || token.sentence !== tokens[first]?.sentence) break;
    end = j;
  }
  return spanText(tokens, first, end);
}

/** Numbers, time frames, names and deeds versus general claims: how concrete the answer is (stock phrases aside). */
export function readSpecificity(
  stock: Stock,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  narrative: Narrative,
): Specificity {
  const inStock = stock.tokens;
  const numbers: string[] = [];
  const timeFrames: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (!token.isWord) continue;
    if (isNumber(token) && !inStock.has(i) && !isApproximate(tokens, i))
      pushUnique(numbers, phraseAt(tokens, i, i + 2), 8);
    if ((timeWords.has(token.lemma) || token.normal === 'ago') && !inStock.has(i)) {
      const before = tokens[i - 1];
      const opens =
        before !== undefined &&
        before.sentence === token.sentence &&
        (timeOpeners.has(before.normal) || isNumber(before));
      pushUnique(timeFrames, opens ? phraseAt(tokens, i - 1, i) : token.text, 8);
    }
    if (
      token.pos === 'PROPN' &&
      /^\p{Lu}/u.test(token.text) &&
      !notNames.has(token.normal) &&
      !timeWords.has(token.lemma)
    ) {
      const sentenceStart = sentences[token.sentence]?.first === i;
      const previous = tokens[i - 1];
      if (previous?.pos === 'PROPN' && previous.sentence === token.sentence) continue;
      if (sentenceStart && tokens[i + 1]?.pos !== 'PROPN') continue;
      let last = i;
      while (tokens[last + 1]?.pos === 'PROPN' && tokens[last + 1]?.sentence === token.sentence) last += 1;
      pushUnique(names, spanText(tokens, i, last), 8);
    }
  }
  const concreteActions: string[] = [];
  for (const deed of narrative.deeds) pushUnique(concreteActions, deed.text, 8);
  const genericClaims: string[] = [];
  sentences.forEach((sentence, s) => {
    if (narrative.past[s] || narrative.hypothetical[s]) return;
    if (narrative.deeds.some((deed) => deed.sentence === s)) return;
    for (let i = sentence.first; i <= Math.min(sentence.last, sentence.first + 3); i += 1) {
      const token = tokens[i] as Token;
      if (genericSubjects.has(token.lemma) || genericSubjects.has(token.key)) {
        pushUnique(genericClaims, spanText(tokens, sentence.first, Math.min(sentence.last, sentence.first + 11)), 8);
        return;
      }
      if (token.isWord && !functionWords.has(token.lemma)) return;
    }
  });
  const part = (count: number, enough: number, weight: number) => (Math.min(count, enough) / enough) * weight;
  const claimShare = sentences.length === 0 ? 0 : genericClaims.length / sentences.length;
  const raw =
    part(numbers.length, 2, 0.2) +
    part(timeFrames.length, 2, 0.15) +
    part(names.length, 2, 0.15) +
    part(concreteActions.length, 3, 0.5) -
    0.15 * claimShare;
  const score = Math.round(Math.min(1, Math.max(0, raw)) * 100) / 100;
  return { score, numbers, timeFrames, names, concreteActions, genericClaims, cliches: [...stock.phrases] };
}
