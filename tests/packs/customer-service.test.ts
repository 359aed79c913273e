import { describe, expect, it } from 'vitest';
import { type Corpus, loadCorpus, loadPacks, type Pack, type QuestionKind, Roles } from '../../src/packs/index.js';
import { fingerprintSeeds, inSomeArticle, storedFingerprints } from './seed-fingerprints.js';

const rubricIds = [
  'product-knowledge',
  'positive-attitude',
  'efficiency',
  'problem-solving',
  'active-listening',
  'empathy',
  'patience',
  'clear-communication',
  'professionalism',
  'follow-through',
  'extra-mile',
  'customer-loyalty',
  'personalization',
  'honesty',
  'feedback-improvement',
  'consistency',
  'adaptability',
];

const requiredQuestions: readonly (readonly [string, QuestionKind])[] = [
  ['cs-meaning', 'definition'],
  ['cs-excellent', 'definition'],
  ['difficult-customer', 'behavioral'],
  ['extra-mile', 'behavioral'],
  ['dont-know', 'situational'],
  ['angry-caller', 'situational'],
  ['busy-queue', 'situational'],
  ['customer-feedback', 'behavioral'],
  ['promise-kept', 'behavioral'],
];

function shippedPack(): Pack {
  const pack = loadPacks().find((candidate) => candidate.id === 'customer-service');
  if (pack === undefined) throw new Error('src/packs has no pack with id "customer-service"');
  return pack;
}

const pack = shippedPack();
const corpus: Corpus = loadCorpus();

/** The seed articles as fingerprints (seed-fingerprints.ts), one set per article. */
function readSeeds(): ReadonlySet<string>[] {
  const articles = storedFingerprints().map((article) => new Set(article));
  if (articles.length === 0) throw new Error('no seed fingerprints: the copy checks would pass on nothing');
  return articles;
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.replace(/^["'“‘]+|["'”’]+$/g, '').trim())
    .filter((sentence) => sentence !== '');
}

function wordsIn(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

describe('customer-service pack: rubric', () => {
  it('has exactly the seventeen rubric concepts, in rubric order', () => {
    expect(pack.concepts.map((concept) => concept.id)).toEqual(rubricIds);
  });

  it('gives every concept between 10 and 25 cues, none repeated within the concept', () => {
    for (const concept of pack.concepts) {
      const cues = concept.cues.map((cue) => cue.trim().toLowerCase().replace(/\s+/g, ' '));
      expect(cues.length, concept.id).toBeGreaterThanOrEqual(10);
      expect(cues.length, concept.id).toBeLessThanOrEqual(25);
      expect(
        cues.filter((cue, i) => cues.indexOf(cue) !== i),
        concept.id,
      ).toEqual([]);
    }
  });

  it('writes cues in lower case, one to four words each', () => {
    for (const concept of pack.concepts) {
      for (const cue of concept.cues) {
        expect(cue, concept.id).toBe(cue.toLowerCase());
        expect(wordsIn(cue), `${concept.id}: ${cue}`).toBeLessThanOrEqual(4);
      }
    }
  });

  it('gives every concept two to four follow-ups', () => {
    for (const concept of pack.concepts) {
      expect(concept.followUps.length, concept.id).toBeGreaterThanOrEqual(2);
      expect(concept.followUps.length, concept.id).toBeLessThanOrEqual(4);
    }
  });
});

describe('customer-service pack: follow-up prompts', () => {
  const lists: [string, readonly string[]][] = [
    ...pack.concepts.map((concept): [string, readonly string[]] => [`concept ${concept.id}`, concept.followUps]),
    ...Object.entries(pack.probes).map(([reason, prompts]): [string, readonly string[]] => [
      `probe ${reason}`,
      prompts,
    ]),
  ];

  it('pairs every prompt that quotes the candidate with a sibling that does not', () => {
    for (const [where, prompts] of lists) {
      if (prompts.some((prompt) => prompt.includes('{quote}'))) {
        expect(
          prompts.some((prompt) => !prompt.includes('{quote}')),
          where,
        ).toBe(true);
      }
    }
  });

  it('uses no placeholder other than {quote}', () => {
    for (const [where, prompts] of lists) {
      for (const prompt of prompts) expect(prompt.replaceAll('{quote}', ''), where).not.toMatch(/[{}]/);
    }
  });

  it('offers two to four prompts for every probe reason', () => {
    for (const [reason, prompts] of Object.entries(pack.probes)) {
      expect(prompts.length, reason).toBeGreaterThanOrEqual(2);
      expect(prompts.length, reason).toBeLessThanOrEqual(4);
    }
  });
});

describe('customer-service pack: questions', () => {
  it('has the required questions, each of the right kind', () => {
    const kindOf = new Map(pack.questions.map((question) => [question.id, question.kind]));
    for (const [id, kind] of requiredQuestions) expect(kindOf.get(id), id).toBe(kind);
  });

  it('has at least 30 questions and at least 8 of each kind', () => {
    expect(pack.questions.length).toBeGreaterThanOrEqual(30);
    for (const kind of ['definition', 'behavioral', 'situational'] as const) {
      expect(pack.questions.filter((question) => question.kind === kind).length, kind).toBeGreaterThanOrEqual(8);
    }
  });

  it('tags every role on at least 8 questions', () => {
    for (const role of Roles) {
      expect(pack.questions.filter((question) => question.roles.includes(role)).length, role).toBeGreaterThanOrEqual(8);
    }
  });

  it('names three to six distinct rubric concepts per question', () => {
    for (const question of pack.questions) {
      expect(question.concepts.length, question.id).toBeGreaterThanOrEqual(3);
      expect(question.concepts.length, question.id).toBeLessThanOrEqual(6);
      expect(new Set(question.concepts).size, question.id).toBe(question.concepts.length);
    }
  });

  it('expects an example for every behavioral question', () => {
    for (const question of pack.questions.filter((candidate) => candidate.kind === 'behavioral')) {
      expect(question.exampleExpected, question.id).toBe(true);
    }
  });

  it('keeps every model answer between 120 and 250 words', () => {
    for (const question of pack.questions) {
      const words = wordsIn(question.modelAnswer);
      expect(words, question.id).toBeGreaterThanOrEqual(120);
      expect(words, question.id).toBeLessThanOrEqual(250);
    }
  });
});

describe('customer-service pack: own words', () => {
  it('checks against fingerprints that match the seed articles beside the repo, where they are', () => {
    const stored = storedFingerprints();
    expect(stored.length).toBeGreaterThanOrEqual(5);
    for (const article of stored) expect(article.length).toBeGreaterThan(200);
    // Without ../shared/seeds (a clone elsewhere) the kept fingerprints stand in for the articles.
    const fresh = fingerprintSeeds();
    if (fresh !== undefined) expect(stored).toEqual(fresh);
  });

  it('copies no model-answer sentence of four or more words from a seed article', () => {
    const seeds = readSeeds();
    const copied = pack.questions.flatMap((question) =>
      sentencesOf(question.modelAnswer)
        .filter((sentence) => wordsIn(sentence) >= 4)
        .filter((sentence) => inSomeArticle(seeds, sentence))
        .map((sentence) => `${question.id}: ${sentence}`),
    );
    expect(copied).toEqual([]);
  });

  it('copies no sentence of six or more words from a seed article into tips, descriptions or prompts', () => {
    const seeds = readSeeds();
    const texts = [
      pack.description,
      ...pack.concepts.flatMap((concept) => [concept.description, concept.tip, ...concept.followUps]),
      ...Object.values(pack.probes).flat(),
    ];
    const copied = texts
      .flatMap(sentencesOf)
      .filter((sentence) => wordsIn(sentence) >= 6)
      .filter((sentence) => inSomeArticle(seeds, sentence));
    expect(copied).toEqual([]);
  });
});

describe('canned-answer corpus', () => {
  const published = corpus.answers.filter((answer) => answer.source === 'published');
  const textbook = corpus.answers.filter((answer) => answer.source === 'textbook');

  it('gives every entry a distinct id', () => {
    const ids = corpus.answers.map((answer) => answer.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('quotes every published entry verbatim from a seed article, 40 to 200 words each', () => {
    const seeds = readSeeds();
    expect(published.length).toBeGreaterThanOrEqual(10);
    for (const answer of published) {
      expect(inSomeArticle(seeds, answer.text), answer.id).toBe(true);
      expect(wordsIn(answer.text), answer.id).toBeGreaterThanOrEqual(40);
      expect(wordsIn(answer.text), answer.id).toBeLessThanOrEqual(200);
    }
  });

  it('holds 15 to 25 textbook answers', () => {
    expect(textbook.length).toBeGreaterThanOrEqual(15);
    expect(textbook.length).toBeLessThanOrEqual(25);
  });
});
