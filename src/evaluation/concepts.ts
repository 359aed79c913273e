import type { Concept, Question } from '../packs/schema.js';
import { inStock, type Stock } from './cliches.js';
import { type CompiledCue, type CueIndex, compileCue, type Found, indexCues } from './cues.js';
import { evidenceFor, pushUnique } from './evidence.js';
import { isNegatedMatch } from './negation.js';
import type { Nlp, Token } from './nlp.js';
import type { ConceptCoverage } from './types.js';

/** The rubric compiled once: every concept's cues, lemmatised and indexed. */
export type Rubric = {
  readonly concepts: readonly Concept[];
  readonly index: CueIndex<number>;
};

/** Compiles every concept's cues once. */
export function compileRubric(nlp: Nlp, concepts: readonly Concept[]): Rubric {
  const entries: { cue: CompiledCue; owner: number }[] = [];
  concepts.forEach((concept, owner) => {
    for (const phrase of concept.cues) {
      const cue = compileCue(nlp, phrase);
      if (cue === null) continue;
      entries.push({ cue, owner });
    }
  });
  return { concepts, index: indexCues(entries) };
}

/**
 * Coverage of every rubric concept, in rubric order, with the answer's words as evidence; and where cues matched.
 * `found` holds the matches of the rubric's index in the tokens.
 */
export function coverConcepts(
  rubric: Rubric,
  found: readonly Found<number>[],
  tokens: readonly Token[],
  scopes: Int32Array,
  question: Question,
  stock: Stock,
): {
  readonly coverage: ConceptCoverage[];
  readonly sentences: ReadonlySet<number>;
  readonly matches: number;
  /** Concepts shown in the candidate's own words, not only inside stock phrases ("people person"). */
  readonly substantive: number;
} {
  const ownWords = new Set<number>();
  const sentences = new Set<number>();
  // A concept shown only inside stock phrases ("I'm a people person") is still covered, but its quotes give way to
  // the candidate's own words wherever those show it too: feedback should not praise a cliché.
  const evidence = rubric.concepts.map((): string[] => []);
  const stocked = rubric.concepts.map((): string[] => []);
  const negated = rubric.concepts.map((): string[] => []);
  for (const { cue, owner, match } of found) {
    const denied = isNegatedMatch(tokens, scopes, match, cue.hasNegator);
    const shows = cue.inverted ? denied : !denied;
    const own = !inStock(stock, match);
    const list = shows ? (own ? evidence : stocked)[owner] : negated[owner];
    if (list !== undefined && list.length < 3) pushUnique(list, evidenceFor(tokens, match));
    if (shows) sentences.add(tokens[match.first]?.sentence ?? -1);
    if (shows && own) ownWords.add(owner);
  }
  const expected = new Set(question.concepts);
  const coverage = rubric.concepts.map((concept, i) => {
    const quotes = evidence[i]?.length ? evidence[i] : (stocked[i] ?? []);
    return {
      id: concept.id,
      label: concept.label,
      covered: quotes.length > 0,
      expected: expected.has(concept.id),
      evidence: quotes,
      negated: negated[i] ?? [],
    };
  });
  return { coverage, sentences, matches: found.length, substantive: ownWords.size };
}
