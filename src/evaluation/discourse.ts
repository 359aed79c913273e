import type { Token } from './nlp.js';

const asides = new Set(['honestly', 'frankly', 'truthfully']);
const objects = new Set(['him', 'her', 'them', 'me', 'us', 'you', 'it']);
const asidePhrases: readonly (readonly string[])[] = [
  ['to', 'be', 'honest'],
  ['to', 'be', 'fair'],
  ['to', 'be', 'frank'],
  ['if', 'i', 'be', 'honest'],
];

/**
 * Silences asides that only sound like a rubric word: "Honestly, I'd panic" or "to be honest" say nothing about
 * honesty, while "I told him honestly" does. Muted tokens keep their text but match no cue.
 */
export function muteAsides(tokens: readonly Token[]): readonly Token[] {
  let out: Token[] | null = null;
  const mute = (i: number) => {
    out ??= [...tokens];
    const token = out[i] as Token;
    out[i] = { ...token, key: '' };
  };
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    const phrase =
      token.lemma === 'to' || token.lemma === 'if'
        ? asidePhrases.find((words) => words.every((word, k) => tokens[i + k]?.lemma === word))
        : undefined;
    if (phrase !== undefined) {
      for (let k = 0; k < phrase.length; k += 1) mute(i + k);
      i += phrase.length - 1;
      continue;
    }
    if (!asides.has(token.normal)) continue;
    const previous = tokens[i - 1];
    const sameSentence = previous !== undefined && previous.sentence === token.sentence;
    const afterVerb =
      sameSentence && (previous.pos === 'VERB' || (objects.has(previous.normal) && tokens[i - 2]?.pos === 'VERB'));
    if (!afterVerb) mute(i);
  }
  return out ?? tokens;
}
