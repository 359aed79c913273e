import { type CueIndex, compileCue, type Found, indexCues } from './cues.js';
import { functionWords, jobTerms } from './lexicon.js';
import type { Nlp, Token } from './nlp.js';
import type { ConceptCoverage, Insights } from './types.js';

/** The job terms compiled once. */
export type JobTerms = CueIndex<string>;

/** Compiles the job terms once. */
export function compileJobTerms(nlp: Nlp): JobTerms {
  const entries = jobTerms.flatMap((term) => {
    const cue = compileCue(nlp, term);
    return cue === null ? [] : [{ cue, owner: term }];
  });
  return indexCues(entries);
}

const letterFirst = /^\p{L}/u;

/** Whether a word starts with a letter of any script. */
function startsWithLetter(word: string): boolean {
  const code = word.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
  return letterFirst.test(word);
}

/** Job terms used, the content words said most often, and the talking points touched. */
export function readInsights(
  terms: readonly Found<string>[],
  tokens: readonly Token[],
  concepts: readonly ConceptCoverage[],
): Insights {
  const used: string[] = [];
  for (const { owner } of terms) if (!used.includes(owner)) used.push(owner);
  const counts = new Map<string, number>();
  for (const token of tokens) {
    if (!token.isWord || token.lemma.length < 3 || !startsWithLetter(token.lemma)) continue;
    if (functionWords.has(token.lemma)) continue;
    counts.set(token.lemma, (counts.get(token.lemma) ?? 0) + 1);
  }
  const repeatedWords = [...counts]
    .filter(([, count]) => count >= 3)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 5)
    .map(([word, count]) => ({ word, count }));
  const talkingPoints = concepts.filter((concept) => concept.covered).map((concept) => concept.label);
  return { jobTerms: used, repeatedWords, talkingPoints };
}
