import { type CompiledCue, type CueIndex, compileCue, type Found, indexCues } from './cues.js';
import { evidenceFor, pushUnique } from './evidence.js';
import { isPastForm, type Narrative } from './narrative.js';
import { isNegatedMatch } from './negation.js';
import { type Nlp, type Sentence, spanText, type Token } from './nlp.js';
import { personNouns, SceneSignal, scene } from './scene.js';
import type { StarAnalysis } from './types.js';

/** What a story marker shows. */
export type Marker = 'background' | 'task' | 'result' | 'lasting';

const markerPhrases: Readonly<Record<Marker, readonly string[]>> = {
  background: [
    'when i worked',
    'while i worked',
    'when i was working',
    'while working at',
    'at my last job',
    'at my previous job',
    'at my old job',
    'in my last job',
    'in my previous job',
    'in my last role',
    'in my previous role',
    'in my first job',
  ],
  task: [
    'my job * was',
    'my task * was',
    'my goal * was',
    'my aim * was',
    'my role * was',
    'my priority * was',
    'my target * was',
    'my responsibility * was',
    'made that my priority',
    'i was responsible',
    'i was the one responsible',
    'i needed to',
    'i had to',
    'i felt i had to',
    'i wanted to',
    'i knew i had to',
    'i knew i needed',
    'i was asked to',
    'i was tasked',
    'i was supposed to',
    'i was expected to',
    'i was in charge',
    'it was up to me',
    'it was my job',
    'it was my call',
    'it was mine to',
    'it was on me',
    'it landed with me',
    'the goal was',
    'the task was',
    'we needed to',
    'we had to',
    'i was the only',
    'i was determined',
    'i made it my',
    'i decided it was',
    'i promised',
    "i'd promised",
    "i said i'd",
    "i told him i'd",
    "i told her i'd",
    "i told them i'd",
    'i gave my word',
  ],
  result: [
    'in the end',
    'as a result',
    'eventually',
    'ended up',
    'the result was',
    'the outcome was',
    'thank',
    'thank you',
    'grateful',
    'happy',
    'satisfied',
    'pleased',
    'relieved',
    'delighted',
    'thrilled',
    'came back',
    'left a review',
    'wrote a review',
    'good review',
    'five star review',
    'google review',
    'compliment',
    'praised',
    'award',
    'promoted',
    'employee of the month',
    'learned',
    'taught me',
    'calmed down',
    'made her day',
    'made his day',
    'worked out',
    'dropped',
    'went from',
    'rating',
    'score',
    'improved',
    'increased',
    'went up',
    'went down',
    'referred',
    'renewed',
    'recommended us',
    'shook my hand',
    'left smiling',
    'big smile',
  ],
  lasting: ['since then', 'ever since', 'to this day', 'still', 'now'],
};

/** The story markers compiled once at start-up. */
export type StarMarkers = CueIndex<Marker>;

/** Compiles the story markers once. */
export function compileStarMarkers(nlp: Nlp): StarMarkers {
  const entries: { cue: CompiledCue; owner: Marker }[] = [];
  for (const [owner, phrases] of Object.entries(markerPhrases) as [Marker, readonly string[]][]) {
    for (const phrase of phrases) {
      const cue = compileCue(nlp, phrase);
      if (cue !== null) entries.push({ cue, owner });
    }
  }
  return indexCues(entries);
}

/** A story found in an answer: its STAR parts (each with evidence) and whether any episode is told. */
export type Story = {
  /** A scene is set: a past moment with a when or a who, and one more detail (a place, a name). */
  readonly scene: boolean;
  /** A scene, or something the candidate did: enough to ask about the rest of the story. */
  readonly told: boolean;
  readonly parts: StarAnalysis;
};

const firstPerson = new Set(['i', 'we', 'me', 'my', 'our', 'us']);
const outcomeSubjects = new Set(['she', 'he', 'they', 'it', 'her', 'his', 'their', 'everyone', 'everybody']);

function sentenceText(tokens: readonly Token[], sentence: Sentence | undefined): string {
  if (sentence === undefined) return '';
  return spanText(tokens, sentence.first, Math.min(sentence.last, sentence.first + 24));
}

type Markers = readonly Found<Marker>[];

/** Sentences that set a scene: a past moment with a when or a who, and one more detail in it or next to it. */
function findScenes(tokens: readonly Token[], sentences: readonly Sentence[], narrative: Narrative, found: Markers) {
  const background = new Set(
    found.filter((f) => f.owner === 'background').map((f) => tokens[f.match.first]?.sentence ?? -1),
  );
  const tasks = new Set(found.filter((f) => f.owner === 'task').map((f) => tokens[f.match.first]?.sentence ?? -1));
  // Habitual sentences ("I usually worked the tills at X") can place a story but cannot be its moment.
  const signals = sentences.map((sentence, s) => (narrative.past[s] ? scene(tokens, sentence, background.has(s)) : 0));
  const evidence: string[] = [];
  let first = Number.POSITIVE_INFINITY;
  signals.forEach((here, s) => {
    // A sentence that states the task is the task, even when it says when.
    if (narrative.habitual[s] || (evidence.length > 0 && tasks.has(s))) return;
    if ((here & (SceneSignal.time | SceneSignal.person)) === 0) return;
    if (signalCount(here | (signals[s + 1] ?? 0) | (signals[s - 1] ?? 0)) < 2) return;
    pushUnique(evidence, sentenceText(tokens, sentences[s]), 2);
    first = Math.min(first, s);
  });
  return { evidence, first };
}

function signalCount(signals: number): number {
  let count = 0;
  for (let rest = signals; rest !== 0; rest &= rest - 1) count += 1;
  return count;
}

/** Outcome markers after the story's first deed, and what the customer did after the candidate's last one. */
function findResults(tokens: readonly Token[], narrative: Narrative, found: Markers, storyStart: number): string[] {
  const result: string[] = [];
  // Results follow something done: before the first deed, "he left a review" is the situation, not the outcome.
  const firstDeed = narrative.deeds[0]?.verb ?? Number.POSITIVE_INFINITY;
  for (const { owner, match } of found) {
    if ((owner !== 'result' && owner !== 'lasting') || match.first < firstDeed) continue;
    const s = tokens[match.first]?.sentence ?? 0;
    if (s < storyStart || (narrative.hypothetical[s] && !narrative.past[s])) continue;
    if (owner === 'result' ? !narrative.past[s] : !lastingClause(tokens, match.first)) continue;
    pushUnique(result, evidenceFor(tokens, match), 2);
  }
  const lastDeed = narrative.deeds.reduce(
    (last, deed) => (deed.subject === 'i' ? Math.max(last, deed.verb) : last),
    -1,
  );
  if (lastDeed >= 0) for (const outcome of outcomesAfter(tokens, narrative, lastDeed)) pushUnique(result, outcome, 2);
  return result;
}

/**
 * Finds the Situation, Task, Action and Result of a story, with the answer's words for each. `markers` holds the
 * matches of `StarMarkers` in the tokens.
 */
export function readStory(
  markers: Markers,
  tokens: readonly Token[],
  sentences: readonly Sentence[],
  narrative: Narrative,
  scopes: Int32Array,
): Story {
  const found = markers.filter(({ match }) => !isNegatedMatch(tokens, scopes, match));
  const scenes = findScenes(tokens, sentences, narrative, found);
  const action: string[] = [];
  let storyStart = scenes.first;
  for (const deed of narrative.deeds) {
    if (deed.subject !== 'i') continue;
    // A lone verb ("apologised") is a deed but poor evidence: the action is still told.
    pushUnique(action, deed.text.includes(' ') || action.length === 0 ? deed.text : '', 3);
    storyStart = Math.min(storyStart, deed.sentence);
  }
  const task: string[] = [];
  for (const { owner, match } of found)
    if (owner === 'task' && narrative.past[tokens[match.first]?.sentence ?? 0])
      pushUnique(task, evidenceFor(tokens, match), 2);
  const told = scenes.evidence.length > 0 || action.length > 0;
  const result = told ? findResults(tokens, narrative, found, storyStart) : [];
  const part = (evidence: string[]) => ({ present: evidence.length > 0, evidence });
  return {
    scene: scenes.evidence.length > 0,
    told,
    parts: { situation: part(scenes.evidence), task: part(task), action: part(action), result: part(result) },
  };
}

/** The subject of the verb at `verb`: the noun or pronoun just before it (over adverbs and auxiliaries); -1 if none. */
function subjectOf(tokens: readonly Token[], verb: number): number {
  const sentence = tokens[verb]?.sentence;
  for (let j = verb - 1; j >= 0 && j >= verb - 4; j -= 1) {
    const token = tokens[j] as Token;
    if (token.sentence !== sentence) return -1;
    if (token.pos === 'PRON' || token.pos === 'PROPN' || token.pos === 'NOUN') return j;
    if (token.pos !== 'ADV' && token.pos !== 'AUX' && token.pos !== 'PART') return -1;
  }
  return -1;
}

/** "he's still a regular" tells a lasting result; "I've left since then" and "he was still standing" do not. */
function lastingClause(tokens: readonly Token[], at: number): boolean {
  const sentence = tokens[at]?.sentence;
  let start = at;
  while (start > 0 && tokens[start - 1]?.sentence === sentence && !/^[,;:.!?]$/.test(tokens[start - 1]?.text ?? ''))
    start -= 1;
  let end = at;
  while (end + 1 < tokens.length && end < at + 3 && tokens[end + 1]?.sentence === sentence) end += 1;
  for (let j = start; j <= end; j += 1) {
    const token = tokens[j] as Token;
    if (firstPerson.has(token.normal) && token.pos === 'PRON') return false;
    if (isPastForm(token)) return false;
  }
  return true;
}

/** Clauses after the candidate's last deed where the customer (she, he, they, a name) did something: the outcome. */
function outcomesAfter(tokens: readonly Token[], narrative: Narrative, lastDeed: number): string[] {
  const out: string[] = [];
  for (let i = lastDeed + 1; i < tokens.length && out.length < 2; i += 1) {
    const token = tokens[i] as Token;
    const mainHave = token.lemma === 'have' && tokens[i + 1]?.pos !== 'VERB';
    if ((token.pos !== 'VERB' && !mainHave) || token.lemma === 'be' || !narrative.past[token.sentence]) continue;
    if (narrative.hypothetical[token.sentence] || narrative.habitual[token.sentence] || !isPastForm(token)) continue;
    const subject = tokens[subjectOf(tokens, i)];
    if (subject === undefined) continue;
    const person = outcomeSubjects.has(subject.normal) || subject.pos === 'PROPN' || isPersonNoun(subject);
    if (person && !firstPerson.has(subject.normal)) pushUnique(out, evidenceFor(tokens, { first: i, last: i }), 2);
  }
  return out;
}

function isPersonNoun(token: Token): boolean {
  return token.pos === 'NOUN' && personNouns.has(token.lemma);
}
