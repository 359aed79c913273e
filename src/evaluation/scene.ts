import { timeWords } from './lexicon.js';
import type { Sentence, Token } from './nlp.js';

/** What sets a scene, one bit each: a when, a who, a where, a name. */
export const SceneSignal = { time: 1, person: 2, place: 4, name: 8 } as const;
const allSignals = 15;

/** People a story can be about. */
export const personNouns = new Set(
  `customer client caller guest man woman lady gentleman guy lad bloke chap girl boy kid child mum mom dad mother
  father parent grandmother grandfather grandma grandad nan family couple shopper student patient passenger tenant
  traveller teenager member user visitor regular professor teacher nurse doctor plumber builder owner manager
  colleague coworker supervisor tourist driver pensioner fan bride groom`
    .trim()
    .split(/\s+/),
);

const workplaces = new Set(
  `shop store café cafe restaurant bar pub hotel desk counter till branch centre center reception supermarket
  warehouse office helpdesk helpline surgery station airport hostel cinema salon gym library bank pharmacy market
  kiosk garage dealership clinic venue hall theatre stadium hospital`
    .trim()
    .split(/\s+/),
);
const pointers = new Set(['a', 'an', 'one', 'this', 'that']);
const episodeWords = new Set(['once', 'ago', 'recently', 'yesterday']);
const dayParts = new Set(
  `day morning afternoon evening night time occasion weekend shift wedding event party conference match concert
  monday tuesday wednesday thursday friday saturday sunday christmas`
    .trim()
    .split(/\s+/),
);
const anchors = new Set(['one', 'last', 'that', 'on', 'a']);
const relative = new Set(['after', 'before', 'ago', 'later', 'into']);
const organisations = new Set([
  'firm',
  'company',
  'business',
  'school',
  'practice',
  'charity',
  'team',
  'couple',
  'group',
]);
const joinVerbs = new Set(['join', 'work', 'start']);
const notNames = new Set(['i', 'ok', 'okay', 'star', 'customer', 'service']);

/**
 * The scene signals one past sentence gives, as bits of SceneSignal. `background` says a marker such as "at my
 * last job" is in it.
 */
export function scene(tokens: readonly Token[], sentence: Sentence, background: boolean): number {
  let found = background ? SceneSignal.place : 0;
  for (let i = sentence.first; i <= sentence.last && found !== allSignals; i += 1) {
    const token = tokens[i] as Token;
    if (!token.isWord) continue;
    const previous = i > sentence.first ? tokens[i - 1] : undefined;
    if (isTime(token, previous, tokens[i + 1])) found |= SceneSignal.time;
    else if (isSpecificPerson(tokens, sentence, i)) found |= SceneSignal.person;
    else if (workplaces.has(token.lemma) && placedAt(tokens, sentence, i)) found |= SceneSignal.place;
    else if (isName(tokens, sentence, i)) found |= SceneSignal.name;
  }
  return found;
}

const months = new Set('january february april june july august september october november december'.split(' '));
const year = /^(19[89]\d|20[0-4]\d)$/;

/** "last May", "one Sunday", "two weeks after", "in 2022", "recently": when it happened. */
function isTime(token: Token, previous: Token | undefined, next: Token | undefined): boolean {
  if (episodeWords.has(token.normal)) return true;
  if (token.text.length === 4 && year.test(token.text)) return true;
  if (months.has(token.normal)) return true;
  if (previous === undefined || !(timeWords.has(token.lemma) || dayParts.has(token.lemma))) return false;
  if (previous.normal === 'last' || previous.normal === 'that') return true;
  if (anchors.has(previous.normal) && dayParts.has(token.lemma)) return true;
  return previous.pos === 'NUM' && next !== undefined && relative.has(next.normal);
}

/** "a very upset customer", "this guy", "one of our regulars", "a small firm called": one real party. */
function isSpecificPerson(tokens: readonly Token[], sentence: Sentence, i: number): boolean {
  const token = tokens[i] as Token;
  if (organisations.has(token.lemma) && actsNext(tokens, sentence, i)) return pointedAt(tokens, sentence, i);
  if (!personNouns.has(token.lemma) || token.pos === 'VERB') return false;
  const plural = token.normal !== token.lemma && token.normal.endsWith('s');
  const before = (k: number) => (i - k >= sentence.first ? tokens[i - k] : undefined);
  if (plural)
    return (
      before(1)?.normal !== undefined &&
      /^(our|the|my|his|her)$/.test(before(1)?.normal ?? '') &&
      before(2)?.normal === 'of' &&
      before(3)?.normal === 'one'
    );
  for (let k = 1; k <= 4; k += 1) {
    const t = before(k);
    if (t === undefined) return false;
    if (pointers.has(t.normal)) return true;
    if (t.pos === 'PRON' && t.normal !== 'this' && t.normal !== 'that')
      return t.normal === 'her' || t.normal === 'his' ? k === 1 && isNamedRelative(token) : false;
    if (
      t.pos !== 'ADJ' &&
      t.pos !== 'ADV' &&
      t.pos !== 'NOUN' &&
      t.pos !== 'PROPN' &&
      t.pos !== 'NUM' &&
      t.text !== ',' &&
      t.text !== '-'
    )
      return false;
  }
  return false;
}

/** An indefinite article or pointer shortly before, over adjectives and nouns. */
function pointedAt(tokens: readonly Token[], sentence: Sentence, i: number): boolean {
  for (let k = 1; k <= 4 && i - k >= sentence.first; k += 1) {
    const t = tokens[i - k] as Token;
    if (pointers.has(t.normal)) return true;
    if (t.pos !== 'ADJ' && t.pos !== 'NOUN' && t.pos !== 'PROPN' && t.pos !== 'NUM') return false;
  }
  return false;
}

/** The noun is the subject of a past verb right after it: "a small firm called". */
function actsNext(tokens: readonly Token[], sentence: Sentence, i: number): boolean {
  for (let j = i + 1; j <= i + 2 && j <= sentence.last; j += 1) {
    const t = tokens[j] as Token;
    if (t.pos === 'VERB') return t.normal.endsWith('ed') || t.normal !== t.lemma;
    if (t.pos !== 'ADV' && t.pos !== 'AUX') return false;
  }
  return false;
}

const relatives = new Set(
  'mum mom dad son daughter grandson granddaughter husband wife partner brother sister uncle aunt nephew niece'.split(
    ' ',
  ),
);

function isNamedRelative(token: Token): boolean {
  return relatives.has(token.lemma);
}

/** "at the Leeds branch", "on the customer service desk": a workplace where it happened. */
function placedAt(tokens: readonly Token[], sentence: Sentence, i: number): boolean {
  for (let k = 1; k <= 4 && i - k >= sentence.first; k += 1) {
    const t = tokens[i - k] as Token;
    if (t.normal === 'at' || t.normal === 'in' || t.normal === 'on' || t.normal === 'behind') return true;
    if (joinVerbs.has(t.lemma) && t.pos === 'VERB') return true;
    if (
      !(
        t.pos === 'DET' ||
        t.pos === 'ADJ' ||
        t.pos === 'NOUN' ||
        t.pos === 'PROPN' ||
        t.pos === 'PRON' ||
        t.normal === "'s"
      )
    )
      return false;
  }
  return false;
}

/** A capitalised proper noun that is not just the first word of the sentence. */
function isName(tokens: readonly Token[], sentence: Sentence, i: number): boolean {
  const token = tokens[i] as Token;
  if (token.pos !== 'PROPN' || !/^\p{Lu}/u.test(token.text) || notNames.has(token.normal) || timeWords.has(token.lemma))
    return false;
  if (i === sentence.first) return tokens[i + 1]?.pos === 'PROPN';
  return true;
}
