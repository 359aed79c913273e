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

type Entry<T> = {
  readonly cue: CompiledCue;
  readonly owner: T;
  /** Position in the index's list for this anchor: matches at one token come out in this order. */
  readonly order: number;
  /** Index in `cue.keys` of the next required key after the anchor, or -1 when the anchor alone matches. */
  readonly next: number;
  /** How many counted words may come before the next required key. */
  readonly budget: number;
};

/** The cues that start from one key, grouped by the next key they need so one scan serves them all. */
type Anchored<T> = {
  readonly alone: readonly Entry<T>[];
  readonly byNext: ReadonlyMap<string, readonly Entry<T>[]>;
  /** The largest budget of any entry: how far the scan from the anchor goes. */
  readonly reach: number;
};

/** Looks up cues by the key a match starts from. */
export type CueIndex<T> = ReadonlyMap<string, Anchored<T>>;

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

/** The next required key after `k`, and the words a match may skip before it (skipped articles widen the gap). */
function nextRequired(cue: CompiledCue, k: number): { readonly next: number; readonly budget: number } {
  let slack = 0;
  for (let j = k + 1; j < cue.keys.length; j += 1) {
    if (cue.required[j]) return { next: j, budget: (cue.gaps[j] ?? 1) + slack };
    slack += 1;
  }
  return { next: -1, budget: 0 };
}

/** Builds the lookup from anchor key (a cue's first required word) to cues, once. */
export function indexCues<T>(entries: readonly { readonly cue: CompiledCue; readonly owner: T }[]): CueIndex<T> {
  const lists = new Map<string, { cue: CompiledCue; owner: T }[]>();
  for (const entry of entries) {
    const anchor = entry.cue.keys[entry.cue.required.indexOf(true)] ?? '';
    const list = lists.get(anchor);
    if (list === undefined) lists.set(anchor, [entry]);
    else list.push(entry);
  }
  const index = new Map<string, Anchored<T>>();
  for (const [anchor, list] of lists) {
    const alone: Entry<T>[] = [];
    const byNext = new Map<string, Entry<T>[]>();
    let reach = 0;
    list.forEach(({ cue, owner }, order) => {
      const { next, budget } = nextRequired(cue, cue.required.indexOf(true));
      const entry = { cue, owner, order, next, budget };
      if (next < 0) {
        alone.push(entry);
        return;
      }
      const key = cue.keys[next] ?? '';
      byNext.set(key, [...(byNext.get(key) ?? []), entry]);
      reach = Math.max(reach, budget);
    });
    index.set(anchor, { alone, byNext, reach });
  }
  return index;
}

/** Per token of one text: 1 where a match cannot cross (a clause mark or a new sentence), 2 where a word counts. */
type Marks = Uint8Array;
const stops = 1;
const counted = 2;

function marks(tokens: readonly Token[]): Marks {
  const out = new Uint8Array(tokens.length);
  for (let j = 0; j < tokens.length; j += 1) {
    const token = tokens[j] as Token;
    const opens = j > 0 && token.sentence !== tokens[j - 1]?.sentence;
    if (opens || clausePunctuation.has(token.text)) out[j] = stops;
    else if (token.isWord && !joiners.has(token.text)) out[j] = counted;
  }
  return out;
}

/** The rest of a match after its first two required keys, from `at`; the last token matched, or -1. */
function matchRest(cue: CompiledCue, tokens: readonly Token[], m: Marks, from: number, at: number): number {
  let k = from;
  let position = at;
  while (true) {
    const { next, budget } = nextRequired(cue, k);
    if (next < 0) return position;
    const key = cue.keys[next];
    let left = budget;
    let found = -1;
    for (let j = position + 1; j < tokens.length && left >= 0; j += 1) {
      const mark = m[j] as number;
      if (mark === stops) break;
      if ((tokens[j] as Token).key === key) {
        found = j;
        break;
      }
      if (mark === counted) left -= 1;
    }
    if (found < 0) return -1;
    k = next;
    position = found;
  }
}

/** One match of an indexed cue, with the owner it was indexed under. */
export type Found<T> = { readonly cue: CompiledCue; readonly owner: T; readonly match: Match };

/** Scratch space for the matches from one token, before they are put in index order. */
type Pending = { readonly entries: Entry<unknown>[]; readonly ends: number[]; readonly seen: string[] };

/**
 * Appends the matches of the cues anchored at token i to `found`, in index order. A match takes each next word at its
 * first place within the gap allowed, never past a clause mark or out of the sentence.
 */
function matchAnchored<T>(
  anchored: Anchored<T>,
  tokens: readonly Token[],
  m: Marks,
  i: number,
  found: Found<T>[],
  { entries, ends, seen }: Pending,
): void {
  let count = 0;
  for (const entry of anchored.alone) {
    entries[count] = entry;
    ends[count] = i;
    count += 1;
  }
  if (anchored.byNext.size > 0) {
    // One scan from the anchor: the first place of each key within reach, and the counted words before it.
    let before = 0;
    let keys = 0;
    for (let j = i + 1; j < tokens.length && before <= anchored.reach; j += 1) {
      const mark = m[j] as number;
      if (mark === stops) break;
      const key = (tokens[j] as Token).key;
      const group = anchored.byNext.get(key);
      if (group !== undefined && !isSeen(seen, keys, key)) {
        seen[keys] = key;
        keys += 1;
        for (const entry of group) {
          if (before > entry.budget) continue;
          const last = matchRest(entry.cue, tokens, m, entry.next, j);
          if (last < 0) continue;
          entries[count] = entry;
          ends[count] = last;
          count += 1;
        }
      }
      if (mark === counted) before += 1;
    }
  }
  if (count === 1) {
    const entry = entries[0] as Entry<T>;
    found.push({ cue: entry.cue, owner: entry.owner, match: { first: i, last: ends[0] as number } });
  } else if (count > 1) {
    const order = Array.from({ length: count }, (_, n) => n);
    order.sort((a, b) => (entries[a] as Entry<T>).order - (entries[b] as Entry<T>).order);
    for (const n of order) {
      const entry = entries[n] as Entry<T>;
      found.push({ cue: entry.cue, owner: entry.owner, match: { first: i, last: ends[n] as number } });
    }
  }
}

function isSeen(seen: readonly string[], count: number, key: string): boolean {
  for (let n = 0; n < count; n += 1) if (seen[n] === key) return true;
  return false;
}

/** Every match of every indexed cue in the tokens, in text order (matches from one token in index order). */
export function findCues<T>(index: CueIndex<T>, tokens: readonly Token[]): Found<T>[] {
  const found: Found<T>[] = [];
  const m = marks(tokens);
  const pending: Pending = { entries: [], ends: [], seen: [] };
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (!token.isWord || token.key === '') continue;
    const anchored = index.get(token.key);
    if (anchored !== undefined) matchAnchored(anchored, tokens, m, i, found, pending);
  }
  return found;
}

/** Several cue indexes, searched in one pass: one lookup per token finds the cues of them all. */
export type CueShelf<T extends readonly unknown[]> = {
  readonly size: T['length'];
  readonly byKey: ReadonlyMap<string, readonly (Anchored<unknown> | undefined)[]>;
};

/** Puts indexes on one shelf, once. */
export function shelve<T extends readonly unknown[]>(
  indexes: { readonly [K in keyof T]: CueIndex<T[K]> },
): CueShelf<T> {
  const byKey = new Map<string, (Anchored<unknown> | undefined)[]>();
  const list = indexes as readonly CueIndex<unknown>[];
  list.forEach((index, n) => {
    for (const [key, anchored] of index) {
      const slots = byKey.get(key) ?? new Array<Anchored<unknown> | undefined>(list.length).fill(undefined);
      slots[n] = anchored;
      byKey.set(key, slots);
    }
  });
  return { size: list.length, byKey };
}

/** What `findCues` gives for each index on the shelf, in shelf order. */
export function findOnShelf<T extends readonly unknown[]>(
  shelf: CueShelf<T>,
  tokens: readonly Token[],
): { [K in keyof T]: Found<T[K]>[] } {
  const lists = Array.from({ length: shelf.size }, (): Found<unknown>[] => []);
  const m = marks(tokens);
  const pending: Pending = { entries: [], ends: [], seen: [] };
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (!token.isWord || token.key === '') continue;
    const slots = shelf.byKey.get(token.key);
    if (slots === undefined) continue;
    for (let n = 0; n < slots.length; n += 1) {
      const anchored = slots[n];
      if (anchored !== undefined) matchAnchored(anchored, tokens, m, i, lists[n] as Found<unknown>[], pending);
    }
  }
  return lists as { [K in keyof T]: Found<T[K]>[] };
}
