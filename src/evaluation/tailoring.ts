import { type CueIndex, compileCue, findCues, indexCues } from './cues.js';
import { evidenceFor, pushUnique } from './evidence.js';
import { isNegatedMatch } from './negation.js';
import type { Nlp, Token } from './nlp.js';
import type { EvaluationContext, Tailoring } from './types.js';

const linkPhrases = [
  'your company',
  'your store',
  'your shop',
  'your customers',
  'your team',
  'your values',
  'your mission',
  'your brand',
  'your approach',
  'your reputation',
  'your culture',
  'here at',
  'known for',
  'reputation',
  'values',
  'mission',
  'culture',
  'philosophy',
  'principle',
  'motto',
  'ethos',
  'slogan',
  'commitment to',
  'talk about',
  'stand for',
  'believe in',
  'put customers first',
  'what you stand for',
  'why i applied',
  'why i want to work',
  'what drew me',
  'what attracted me',
];

/** The phrases that tie an answer to an employer, compiled once. */
export type TailoringCues = CueIndex<0>;

/** Compiles the linking phrases once. */
export function compileTailoring(nlp: Nlp): TailoringCues {
  return indexCues(
    linkPhrases.flatMap((phrase) => {
      const cue = compileCue(nlp, phrase);
      return cue === null ? [] : [{ cue, owner: 0 as const }];
    }),
  );
}

/**
 * Whether the answer connects to the company: its values echoed (strongest), or the company named in a sentence
 * that says why it matters. Naming the company alone does not count. null when no company was given.
 */
export function readTailoring(
  nlp: Nlp,
  cues: TailoringCues,
  tokens: readonly Token[],
  scopes: Int32Array,
  conceptSentences: ReadonlySet<number>,
  context: EvaluationContext,
): Tailoring & { readonly named: boolean } {
  const company = context.company?.trim() ?? '';
  if (company === '') return { tailored: null, evidence: [], named: false };
  const evidence: string[] = [];
  const values = (context.companyValues ?? [])
    .slice(0, 20)
    .map((value) => compileCue(nlp, value.slice(0, 200)))
    .filter((cue) => cue !== null);
  for (const { match } of findCues(indexCues(values.map((cue) => ({ cue, owner: 0 }))), tokens)) {
    if (!isNegatedMatch(tokens, scopes, match)) pushUnique(evidence, evidenceFor(tokens, match));
  }
  const name = compileCue(nlp, company.slice(0, 200));
  const named = name === null ? [] : findCues(indexCues([{ cue: name, owner: 0 }]), tokens);
  const links = findCues(cues, tokens);
  const linkSentences = new Set(links.map(({ match }) => tokens[match.first]?.sentence));
  for (const { match } of named) {
    const sentence = tokens[match.first]?.sentence ?? -1;
    if (linkSentences.has(sentence) || conceptSentences.has(sentence))
      pushUnique(evidence, evidenceFor(tokens, match, 18));
  }
  return { tailored: evidence.length > 0, evidence, named: named.length > 0 };
}
