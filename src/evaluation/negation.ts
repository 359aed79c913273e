import type { Match } from './cues.js';
import { contrastOpeners, negationSofteners, negativeVerbs, negators, scopeBreakers } from './lexicon.js';
import { startsAt, type Token } from './nlp.js';

const maxScopeWords = 12;
const openerStarts = new Set(contrastOpeners.map((opener) => opener[0] ?? ''));
const particles: Readonly<Record<string, string>> = { give: 'up', hang: 'up', brush: 'off', let: 'down' };
const lightAdverbs = new Set(['always', 'ever', 'really', 'even', 'once', 'just', 'be', 'to', 'a', 'an', 'the']);

/**
 * For each token, the index of the negator or contrast whose scope covers it, -2 for a conceded clause, or -1.
 * Scopes run to the end of the clause; double negatives ("never ignore") and softeners ("not just") open none.
 */
export function negationScopes(tokens: readonly Token[]): Int32Array {
  const scopeOf = new Int32Array(tokens.length).fill(-1);
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i];
    if (token === undefined || !token.isWord) continue;
    const opener = contrastAt(tokens, i);
    if (opener > 0) {
      mark(tokens, scopeOf, i, i + opener);
      continue;
    }
    if (token.normal === 'but' && dismissesBefore(tokens, i)) {
      markBack(tokens, scopeOf, i);
      continue;
    }
    if (!isNegator(token) || !opensScope(tokens, i) || conditional(tokens, i)) continue;
    mark(tokens, scopeOf, i, i + 1);
  }
  return scopeOf;
}

/** Scope value of a clause set aside by a following "but it doesn't". */
const conceded = -2;
const dismissers = new Set(['it', 'that', 'this', 'which']);

/** "Remembering names is nice, but it doesn't fix anything": the clause before "but" is conceded and set aside. */
function dismissesBefore(tokens: readonly Token[], but: number): boolean {
  const subject = tokens[nextWord(tokens, but)];
  if (subject === undefined || !dismissers.has(subject.normal)) return false;
  const sentence = tokens[but]?.sentence;
  for (let j = but + 2; j <= but + 5 && j < tokens.length; j += 1) {
    const token = tokens[j] as Token;
    if (token.sentence !== sentence) return false;
    if (token.normal === 'not' || token.normal === 'never')
      return !negationSofteners.has(tokens[nextWord(tokens, j)]?.lemma ?? '');
  }
  return false;
}

function markBack(tokens: readonly Token[], scopeOf: Int32Array, but: number): void {
  const sentence = tokens[but]?.sentence;
  let start = but;
  while (start > 0 && tokens[start - 1]?.sentence === sentence && !/^[;:.!?]$/.test(tokens[start - 1]?.text ?? ''))
    start -= 1;
  for (let j = start; j < but; j += 1) if (scopeOf[j] === -1) scopeOf[j] = conceded;
}

const conditionals = new Set(['if', 'unless', 'otherwise']);

/** "If you don't listen, ..." or "otherwise they won't come back": a condition stresses the point, it does not deny it. */
function conditional(tokens: readonly Token[], i: number): boolean {
  const sentence = tokens[i]?.sentence;
  for (let j = i - 1; j >= 0 && j >= i - 14; j -= 1) {
    const token = tokens[j] as Token;
    if (token.sentence !== sentence) return false;
    if (conditionals.has(token.normal)) return true;
  }
  return false;
}

function isNegator(token: Token): boolean {
  return negators.has(token.lemma) || negators.has(token.normal);
}

/** Length of a contrast opener ("rather than") starting at i, or 0. */
function contrastAt(tokens: readonly Token[], i: number): number {
  if (!openerStarts.has((tokens[i] as Token).normal)) return 0;
  for (const opener of contrastOpeners) if (startsAt(tokens, i, opener)) return opener.length;
  return 0;
}

function opensScope(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i] as Token;
  const next = nextWord(tokens, i);
  if (token.normal === 'no' && (next < 0 || tokens[i + 1]?.text === ',')) return false;
  const nextToken = tokens[next];
  if (nextToken !== undefined && negationSofteners.has(nextToken.lemma)) return false;
  // The first meaningful word decides a double negative: "never (ever) ignore", "don't hesitate".
  let j = next;
  while (j >= 0 && lightAdverbs.has(tokens[j]?.lemma ?? '')) j = nextWord(tokens, j);
  const head = tokens[j];
  if (head !== undefined) {
    if (negativeVerbs.has(head.lemma) || negativeVerbs.has(head.key)) return false;
    const particle = particles[head.lemma];
    if (particle !== undefined && within(tokens, j, 3, particle)) return false;
  }
  // A comparison ("nothing matters more than patience") praises what follows.
  return !within(tokens, i, 6, 'than');
}

function nextWord(tokens: readonly Token[], i: number): number {
  for (let j = i + 1; j < tokens.length; j += 1) {
    const token = tokens[j];
    if (token === undefined || token.sentence !== tokens[i]?.sentence) return -1;
    if (token.isWord) return j;
    if (token.text !== '-' && token.text !== "'") return -1;
  }
  return -1;
}

function within(tokens: readonly Token[], i: number, span: number, normal: string): boolean {
  const sentence = tokens[i]?.sentence;
  for (let j = i + 1; j <= i + span && j < tokens.length; j += 1) {
    const token = tokens[j];
    if (token === undefined || token.sentence !== sentence) return false;
    if (token.normal === normal) return true;
    if (scopeBreakers.has(token.normal) && token.normal !== 'than') return false;
  }
  return false;
}

function mark(tokens: readonly Token[], scopeOf: Int32Array, negator: number, from: number): void {
  const sentence = tokens[negator]?.sentence;
  let words = 0;
  for (let j = from; j < tokens.length && words < maxScopeWords; j += 1) {
    const token = tokens[j];
    if (token === undefined || token.sentence !== sentence) return;
    if (scopeBreakers.has(token.normal) && !(token.text === '-' && token.space === '')) return;
    // An emoji or symbol closes a thought as a full stop would.
    if (!token.isWord && !/^["'-]$/.test(token.text) && !scopeBreakers.has(token.normal)) return;
    if (scopeOf[j] === -1) scopeOf[j] = negator;
    if (token.isWord) words += 1;
  }
}

const negatingAux = new Set(['be', 'do', 'have', 'will', 'would', 'can', 'could', 'should', 'matter']);

/**
 * Whether a cue match is negated: inside a scope opened before it, negated inside ("it wasn't my call" for the cue
 * "it was my call"), or denied right after ("empathy isn't ..."). A cue that says its own negation is only negated
 * from outside.
 */
export function isNegatedMatch(
  tokens: readonly Token[],
  scopeOf: Int32Array,
  match: Match,
  ownNegator = false,
): boolean {
  for (let j = match.first; j <= match.last; j += 1) {
    if (!ownNegator && j > match.first && isNegator(tokens[j] as Token)) return true;
    const by = scopeOf[j] ?? -1;
    if ((by === conceded || (by >= 0 && by < match.first)) && tokens[j]?.isWord) return true;
  }
  const sentence = tokens[match.first]?.sentence;
  for (let j = match.last + 1; j <= match.last + 4 && j < tokens.length; j += 1) {
    const token = tokens[j] as Token;
    if (token.sentence !== sentence || token.pos === 'PRON' || scopeBreakers.has(token.normal)) return false;
    if (token.normal === 'not' || token.normal === 'never') {
      const before = tokens[j - 1];
      const after = tokens[nextWord(tokens, j)];
      if (after !== undefined && negationSofteners.has(after.lemma)) return false;
      return before !== undefined && j - 1 > match.last && negatingAux.has(before.lemma);
    }
  }
  return false;
}
