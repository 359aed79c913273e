import type { Corpus, Pack, Question } from '../packs/schema.js';
import { type CannedIndex, checkCanned, indexCorpus } from './canned.js';
import { type Cliches, compileCliches, findStock } from './cliches.js';
import { compileRubric, coverConcepts, type Rubric } from './concepts.js';
import { type CueShelf, findOnShelf, shelve } from './cues.js';
import { defaultTargetWords, readDelivery } from './delivery.js';
import { muteAsides } from './discourse.js';
import { compileJobTerms, type JobTerms, readInsights } from './insights.js';
import { readNarrative } from './narrative.js';
import { negationScopes } from './negation.js';
import { countWords, type Nlp } from './nlp.js';
import { quotablePhrases } from './quotes.js';
import { scoreAnswer } from './score.js';
import { readSpecificity } from './specificity.js';
import { compileStarMarkers, type Marker, readStory, type StarMarkers } from './star.js';
import { compileTailoring, readTailoring, type TailoringCues } from './tailoring.js';
import { cleanText } from './text.js';
import { buildTopicVocabulary, isOffTopic, questionKeys, type TopicVocabulary, topicEvidence } from './topic.js';
import type { Evaluation, EvaluationContext } from './types.js';

/** Everything computed once at start-up that evaluating an answer reads. */
export type Prepared = {
  readonly nlp: Nlp;
  readonly rubric: Rubric;
  readonly markers: StarMarkers;
  readonly canned: CannedIndex;
  readonly topic: TopicVocabulary;
  readonly jobTerms: JobTerms;
  readonly tailoring: TailoringCues;
  readonly cliches: Cliches;
  /** The rubric, story markers, job terms and stock phrases, searched in one pass. */
  readonly shelf: CueShelf<[number, Marker, string, string]>;
  /** Content keys of each question's text, by question id. */
  readonly questionKeys: ReadonlyMap<string, ReadonlySet<string>>;
};

/** Does the one-off work: lemmatises every cue, fingerprints the corpus, indexes the questions. */
export function prepare(nlp: Nlp, pack: Pack, corpus: Corpus): Prepared {
  const rubric = compileRubric(nlp, pack.concepts);
  const markers = compileStarMarkers(nlp);
  const jobTerms = compileJobTerms(nlp);
  const cliches = compileCliches(nlp);
  const keys = new Map<string, ReadonlySet<string>>();
  for (const question of pack.questions) keys.set(question.id, questionKeys(nlp.parse(question.text).tokens));
  return {
    nlp,
    rubric,
    markers,
    canned: indexCorpus(nlp, corpus),
    topic: buildTopicVocabulary(),
    jobTerms,
    tailoring: compileTailoring(nlp),
    cliches,
    shelf: shelve<[number, Marker, string, string]>([rubric.index, markers, jobTerms, cliches]),
    questionKeys: keys,
  };
}

const absent = { present: false, evidence: [] } as const;
const emptyStar = { situation: absent, task: absent, action: absent, result: absent } as const;

/** Reads one answer. Pure and deterministic; never throws, whatever the string. */
export function analyse(p: Prepared, answer: string, question: Question, context: EvaluationContext = {}): Evaluation {
  const text = cleanText(typeof answer === 'string' ? answer : '');
  const parsed = p.nlp.parse(text);
  const sentences = parsed.sentences;
  const tokens = muteAsides(parsed.tokens);
  const wordCount = countWords(parsed.tokens);
  const scopes = negationScopes(tokens);
  const [conceptCues, markerCues, termCues, stockCues] = findOnShelf(p.shelf, tokens);
  const stock = findStock(stockCues);
  const {
    coverage: concepts,
    sentences: conceptSentences,
    matches: cueMatches,
    substantive,
  } = coverConcepts(p.rubric, conceptCues, tokens, scopes, question, stock);
  const narrative = readNarrative(tokens, sentences.length, scopes);
  const story = readStory(markerCues, tokens, sentences, narrative, scopes);
  const asked = p.questionKeys.get(question.id) ?? questionKeys(p.nlp.parse(question.text).tokens);
  const offTopic = isOffTopic(topicEvidence(p.topic, asked, tokens, cueMatches));
  // A story about something else is no answer to the question: it earns no STAR part.
  const parts = offTopic ? emptyStar : story.parts;
  const star = question.kind === 'behavioral' ? parts : null;
  const specificity = readSpecificity(stock, tokens, sentences, narrative);
  const targetWords = question.targetWords ?? defaultTargetWords[question.kind];
  const delivery = readDelivery(tokens, wordCount, targetWords);
  const canned = checkCanned(p.canned, tokens);
  const tailoring = readTailoring(p.nlp, p.tailoring, tokens, scopes, conceptSentences, context);
  const example = {
    present: story.scene && !offTopic,
    evidence: offTopic ? [] : [...story.parts.situation.evidence, ...story.parts.action.evidence].slice(0, 3),
  };
  const details =
    specificity.numbers.length +
    specificity.timeFrames.length +
    specificity.names.length +
    specificity.concreteActions.length;
  const genericOnly = stock.phrases.length > 0 && substantive === 0 && details === 0 && !story.told && !offTopic;
  const breakdown = scoreAnswer({
    question,
    concepts,
    star,
    example: example.present,
    steps: narrative.steps,
    specificity,
    delivery,
    canned,
    offTopic,
    tailoring: tailoring.tailored === null ? null : { tailored: tailoring.tailored, named: tailoring.named },
  });
  return {
    questionId: question.id,
    wordCount,
    concepts,
    star,
    example,
    specificity,
    delivery,
    insights: readInsights(termCues, tokens, concepts),
    canned,
    offTopic,
    tailoring: { tailored: tailoring.tailored, evidence: tailoring.evidence },
    score: breakdown.reduce((sum, part) => sum + part.points, 0),
    breakdown,
    genericOnly,
    quotable: quotablePhrases(tokens, sentences),
  };
}
