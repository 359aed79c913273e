import { functionWords, negators } from './lexicon.js';
import type { Token } from './nlp.js';
import { stemKey } from './stem.js';

/** The words of serving a customer: an answer that uses none of them, and no rubric cue, is about something else. */
const serviceWords = `
  customer client guest caller shopper patron consumer service help assist serve complaint complain problem issue
  refund exchange apologize apology listen explain satisfy satisfaction queue order return support patience
  patient empathy polite friendly courteous query request resolve solve fix answer question angry upset frustrated
  calm deliver delivery wait feedback experience care furious annoyed shout yell rude swear livid tear call ring
  phone email order booking review sale receipt`;

/** Words too common to show a topic, even when the question uses them. */
const generic = new Set(
  'do get make go know say tell think want need work time week way day thing like come take give see use mean you'.split(
    ' ',
  ),
);

/** The trade's words as match keys, built once. */
export type TopicVocabulary = ReadonlySet<string>;

/** Builds the trade's vocabulary once. */
export function buildTopicVocabulary(): TopicVocabulary {
  return new Set(serviceWords.trim().split(/\s+/).map(stemKey));
}

/** The content keys of a question's text, common words left out. */
export function questionKeys(tokens: readonly Token[]): ReadonlySet<string> {
  const keys = new Set<string>();
  for (const token of tokens)
    if (token.isWord && !functionWords.has(token.lemma) && !negators.has(token.lemma) && !generic.has(token.lemma))
      keys.add(token.key);
  return keys;
}

/** How many content words the answer has, and how many show it is about the question or the work. */
export function topicEvidence(
  vocabulary: TopicVocabulary,
  question: ReadonlySet<string>,
  tokens: readonly Token[],
  cueMatches: number,
): { readonly content: number; readonly evidence: number } {
  let content = 0;
  let evidence = cueMatches;
  for (const token of tokens) {
    if (!token.isWord || functionWords.has(token.lemma) || token.key === '') continue;
    content += 1;
    if (vocabulary.has(token.key) || question.has(token.key)) evidence += 1;
  }
  return { content, evidence };
}

/** Off topic: enough words to judge, and next to nothing about the question, the rubric or serving customers. */
export function isOffTopic(topic: { readonly content: number; readonly evidence: number }): boolean {
  if (topic.content < 6) return false;
  return topic.evidence === 0 || (topic.evidence === 1 && topic.content >= 12) || topic.evidence / topic.content < 0.05;
}
