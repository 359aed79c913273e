import { habitualMarkers, hypotheticalModals, irregularPast, stativeVerbs } from './lexicon.js';
import { spanText, startsAt, type Token } from './nlp.js';

/** A deed the candidate says they did once: "I called four other branches" (not negated, not a habit). */
export type Deed = {
  readonly verb: number;
  readonly subject: 'i' | 'we';
  readonly sentence: number;
  readonly text: string;
};

/** How each sentence is told: as past events, or as a hypothetical or a general claim. */
export type Narrative = {
  /** Per sentence: at least one past-tense verb that no modal makes hypothetical. */
  readonly past: readonly boolean[];
  /** Per sentence: a modal ("I would", "I'll") governs its first-person verb. */
  readonly hypothetical: readonly boolean[];
  /** Per sentence: told as a habit ("I always", "did this loads"), not one episode. */
  readonly habitual: readonly boolean[];
  readonly deeds: readonly Deed[];
  /** Clauses where the candidate says what they do, did or would do: the steps of a plan. */
  readonly steps: number;
};

const habitualFirst = new Set(habitualMarkers.map((marker) => marker[0] ?? ''));
const perfectAux = new Set(['have', 'has', "'ve"]);
const narrativeAdverbs = new Set([
  'then',
  'immediately',
  'quickly',
  'also',
  'finally',
  'just',
  'first',
  'personally',
  'actually',
  'really',
  'eventually',
  'instantly',
  'calmly',
  'carefully',
  'politely',
  'always',
  'never',
  'even',
  'still',
  'soon',
  'straight',
  'right',
  'away',
  'myself',
  'ourselves',
  'both',
  'all',
]);

/** Whether a token is a past-tense (or past participle) verb form. */
export function isPastForm(token: Token): boolean {
  if (token.pos !== 'VERB' && token.pos !== 'AUX' && token.pos !== 'ADJ') return false;
  if (irregularPast.has(token.normal)) return token.pos !== 'ADJ';
  return token.normal.endsWith('ed') && token.normal !== token.lemma && token.pos !== 'ADJ';
}

function isModal(token: Token): boolean {
  return token.pos === 'AUX' && hypotheticalModals.has(token.lemma);
}

/** Reads tense, modality and the candidate's deeds from the tokens. */
export function readNarrative(tokens: readonly Token[], sentenceCount: number, scopes: Int32Array): Narrative {
  const past = new Array<boolean>(sentenceCount).fill(false);
  const hypothetical = new Array<boolean>(sentenceCount).fill(false);
  const habitual = new Array<boolean>(sentenceCount).fill(false);
  const habitualAt: number[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (habitualFirst.has(token.normal) && habitualMarkers.some((marker) => startsAt(tokens, i, marker))) {
      habitual[token.sentence] = true;
      habitualAt.push(i);
    }
  }
  const deeds: Deed[] = [];
  let steps = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (isPastForm(token) && !governedByModal(tokens, i) && !presentPerfect(tokens, i)) past[token.sentence] = true;
    if (token.pos !== 'PRON' || (token.normal !== 'i' && token.normal !== 'we')) continue;
    if (hasVerbAfter(tokens, i)) steps += 1;
    const found = deedAfter(tokens, i);
    if (found === 'hypothetical') hypothetical[token.sentence] = true;
    else if (found >= 0 && !habitualClause(tokens, habitualAt, i, found) && (scopes[found] ?? -1) === -1) {
      const subject = token.normal === 'i' ? 'i' : 'we';
      deeds.push({ verb: found, subject, sentence: token.sentence, text: clauseFrom(tokens, i, found) });
      for (const verb of coordinated(tokens, found)) {
        if ((scopes[verb] ?? -1) !== -1) continue;
        deeds.push({ verb, subject, sentence: token.sentence, text: clauseFrom(tokens, verb, verb) });
      }
    }
  }
  return { past, hypothetical, habitual, deeds, steps };
}

function hasVerbAfter(tokens: readonly Token[], subject: number): boolean {
  for (let j = subject + 1; j <= subject + 4 && j < tokens.length; j += 1) {
    const token = tokens[j] as Token;
    if (token.sentence !== tokens[subject]?.sentence) return false;
    if (token.pos === 'VERB') return !stativeVerbs.has(token.lemma);
    if (token.pos !== 'AUX' && token.pos !== 'ADV' && token.pos !== 'PART') return false;
  }
  return false;
}

/** "I've got", "she has dealt": a perfect in the present tells no past episode. */
function presentPerfect(tokens: readonly Token[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 3); j -= 1) {
    const token = tokens[j] as Token;
    if (token.sentence !== tokens[i]?.sentence) return false;
    if (token.normal === 'have' || token.normal === 'has' || token.normal === "'ve") return true;
    if (token.normal === "'s" && tokens[i]?.normal.endsWith('ed') === false) return true;
    if (token.pos !== 'ADV' && token.pos !== 'PART') return false;
  }
  return false;
}

/** A habit marker in the deed's own clause ("I always called"), not elsewhere in the sentence. */
function habitualClause(tokens: readonly Token[], markers: readonly number[], subject: number, verb: number): boolean {
  const sentence = tokens[subject]?.sentence;
  return markers.some((at) => {
    if (tokens[at]?.sentence !== sentence || at < subject - 3 || at > verb + 6) return false;
    if (at > verb && tokens[at]?.normal === 'whenever') return false;
    const [from, to] = at < subject ? [at, subject] : [verb, at];
    for (let j = from; j < to; j += 1) if (/^[,;:()]$/.test(tokens[j]?.text ?? '')) return false;
    return true;
  });
}

function governedByModal(tokens: readonly Token[], i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 3); j -= 1) {
    const token = tokens[j] as Token;
    if (token.sentence !== tokens[i]?.sentence || !token.isWord) return false;
    if (isModal(token)) return token.normal !== 'could' || tokens[j + 1]?.normal === 'have';
    if (token.pos !== 'ADV' && token.pos !== 'AUX' && token.pos !== 'PART') return false;
  }
  return false;
}

/** The index of the past action verb whose subject is at `subject`, 'hypothetical', or -1. */
function deedAfter(tokens: readonly Token[], subject: number): number | 'hypothetical' {
  const sentence = tokens[subject]?.sentence;
  for (let j = subject + 1; j <= subject + 5 && j < tokens.length; j += 1) {
    const token = tokens[j] as Token;
    if (token.sentence !== sentence) return -1;
    if (narrativeAdverbs.has(token.normal)) continue;
    if (isModal(token)) {
      // "I could see she was upset" tells the past; "I would call" does not.
      if (token.normal === 'could' && tokens[j + 1]?.normal !== 'have') return -1;
      return 'hypothetical';
    }
    if (token.pos === 'AUX' && perfectAux.has(token.normal)) return -1;
    if (token.normal === 'had' && token.text !== 'had') return nextPast(tokens, j);
    if ((token.normal === 'was' || token.normal === 'were') && tokens[j + 1]?.normal === 'able') {
      const verb = j + 3;
      return tokens[j + 2]?.normal === 'to' && tokens[verb]?.pos === 'VERB' ? verb : -1;
    }
    if (token.normal === 'had' && tokens[j + 1]?.normal === 'to') return -1;
    if (token.normal === 'had' && isPastForm(tokens[j + 1] ?? token) && tokens[j + 1] !== undefined) {
      const next = tokens[j + 1] as Token;
      return stativeVerbs.has(next.lemma) ? -1 : j + 1;
    }
    if (token.pos === 'VERB' || token.pos === 'AUX') {
      if (!isPastForm(token)) return -1;
      if (token.lemma === 'start' || token.lemma === 'begin') {
        // "I started slowing down" is a deed; "I started at Vodafone in 2021" is a date.
        const next = tokens[j + 1];
        const gerund = next?.pos === 'VERB' && next.normal.endsWith('ing');
        return gerund || (next?.normal === 'to' && tokens[j + 2]?.pos === 'VERB') ? j : -1;
      }
      return stativeVerbs.has(token.lemma) ? -1 : j;
    }
    if (token.pos === 'PART' && token.normal !== 'not') continue;
    return -1;
  }
  return -1;
}

/** After a contracted "had" ("I'd already called"), the participle is the deed. */
function nextPast(tokens: readonly Token[], had: number): number {
  for (let j = had + 1; j <= had + 3 && j < tokens.length; j += 1) {
    const token = tokens[j] as Token;
    if (token.pos === 'VERB') return isPastForm(token) && !stativeVerbs.has(token.lemma) ? j : -1;
    if (token.pos !== 'ADV' && token.pos !== 'PUNCT') return -1;
  }
  return -1;
}

/** Past verbs sharing the deed's subject: "I apologised, asked her what she wanted and remade it". */
function coordinated(tokens: readonly Token[], verb: number): number[] {
  const out: number[] = [];
  const sentence = tokens[verb]?.sentence;
  for (let j = verb + 1; j < tokens.length; j += 1) {
    const token = tokens[j] as Token;
    if (token.sentence !== sentence || /^[;:.!?()]$/.test(token.text)) break;
    // A new subject starts a new clause: its deeds are its own.
    if (token.pos === 'PRON' && /^(i|we|he|she|they|it|you)$/.test(token.normal)) break;
    if (token.pos !== 'VERB' || !isPastForm(token) || stativeVerbs.has(token.lemma)) continue;
    const before = tokens[j - 1];
    const joined = before !== undefined && (before.text === ',' || before.normal === 'and' || before.normal === 'then');
    if (joined) out.push(j);
  }
  return out;
}

/** The clause from the subject to the clause end, at most 12 words. */
function clauseFrom(tokens: readonly Token[], subject: number, verb: number): string {
  const sentence = tokens[subject]?.sentence;
  let last = verb;
  let words = verb - subject + 1;
  while (words < 12) {
    const next = tokens[last + 1];
    if (next === undefined || next.sentence !== sentence || /^[,;:.!?()"]$/.test(next.text)) break;
    if (next.normal === 'and' || next.normal === 'but' || next.normal === 'because' || next.normal === 'so') break;
    last += 1;
    if (next.isWord) words += 1;
  }
  return spanText(tokens, subject, last);
}
