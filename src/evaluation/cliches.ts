import { type CueIndex, compileCue, type Found, indexCues, type Match } from './cues.js';
import { pushUnique } from './evidence.js';
import type { Nlp } from './nlp.js';

const clichePhrases = [
  'means a lot to me',
  'people person',
  'good with people',
  'love people',
  'comes naturally',
  'second nature',
  'in my nature',
  '110%',
  '110 percent',
  'a hundred and ten percent',
  'give it my all',
  'give 100%',
  'hard worker',
  'hard working',
  'team player',
  'quick learner',
  'fast learner',
  'passionate about',
  "what it's all about",
  'at the end of the day',
  'the customer is king',
  'the customer is always right',
  'feedback is a gift',
  'perfectionist',
];

/** Stock interview phrases, compiled once. */
export type Cliches = CueIndex<string>;

/** The stock phrases found in one answer, and the tokens they span. */
export type Stock = { readonly phrases: readonly string[]; readonly tokens: ReadonlySet<number> };

/** Compiles the stock phrases once. */
export function compileCliches(nlp: Nlp): Cliches {
  return indexCues(
    clichePhrases.flatMap((phrase) => {
      const cue = compileCue(nlp, phrase);
      return cue === null ? [] : [{ cue, owner: phrase }];
    }),
  );
}

/** The stock phrases in an answer, from the matches of `Cliches` in it. */
export function findStock(found: readonly Found<string>[]): Stock {
  const phrases: string[] = [];
  const spanned = new Set<number>();
  for (const { owner, match } of found) {
    pushUnique(phrases, owner, 8);
    for (let i = match.first; i <= match.last; i += 1) spanned.add(i);
  }
  return { phrases, tokens: spanned };
}

/** Whether a match lies wholly inside stock phrases. */
export function inStock(stock: Stock, match: Match): boolean {
  for (let i = match.first; i <= match.last; i += 1) if (!stock.tokens.has(i)) return false;
  return true;
}
