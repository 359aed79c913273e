import { describe, expect, it } from 'vitest';
import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { analyse, prepare } from '../../src/evaluation/analyse.js';
import type { ParsedText, Sentence, Token } from '../../src/evaluation/nlp.js';
import { byParagraph } from '../../src/evaluation/paragraphs.js';
import { reader } from '../../src/evaluation/wink.js';
import { evaluator, question, strongStory, testCorpus, testPack } from './helpers.js';

// A wink instance of this file's own, so every parser below starts with an empty cache.
const wink = reader(winkNLP(model, ['sbd', 'pos']));
const fresh = () => byParagraph(wink);

/** The text read whole by wink, with no paragraph cache and no splitting at blank lines. */
function readWhole(text: string): ParsedText {
  const parts = { tokens: [] as Token[], sentences: [] as Sentence[] };
  wink.assemble(wink.scan(text), parts, null);
  return parts;
}

let serial = 0;
/** A sentence no other test reads, so its paragraph is not cached yet. */
function unseen(words: string): string {
  serial += 1;
  return `${words} (note ${serial}).`;
}

const followUp = 'I rang her the next morning to check the coat fitted, and she said it was perfect.';

describe('byParagraph: reading through the cache', () => {
  it('reads a text the same from the cache as on the first read', () => {
    const nlp = fresh();
    const text = unseen('She wanted a refund, so I listened and explained the policy calmly');
    const first = nlp.parse(text);
    expect(nlp.cached().entries).toBe(1);
    expect(nlp.parse(text)).toEqual(first);
  });

  it('reads an answer and its follow-up the same whether the answer was read before or not', () => {
    const main = unseen(strongStory);
    const joined = `${main}\n\n${unseen(followUp)}`;
    const warm = fresh();
    warm.parse(main);
    expect(warm.parse(joined)).toEqual(fresh().parse(joined));
  });

  it('reads parts joined by a blank line as wink reads the whole text when wink ends the sentence there', () => {
    for (const joined of [
      `${strongStory}\n\n${followUp}`,
      `I stayed calm\n\n${followUp}`,
      `${followUp}\n\nHonestly? It was my call in the end.\n\nThat's all.`,
    ])
      expect(fresh().parse(joined)).toEqual(readWhole(joined));
  });

  it('never lets a sentence run across a blank line', () => {
    const parsed = fresh().parse('We were short-staffed that day\n\n\nthe manager came out to help');
    const day = parsed.tokens.find((token) => token.text === 'day');
    const manager = parsed.tokens.find((token) => token.text === 'manager');
    expect(day?.sentence).toBe(0);
    expect(manager?.sentence).toBe(1);
    expect(parsed.sentences).toHaveLength(2);
  });

  it('keeps the sentences and the spaces before each part as the text has them', () => {
    const parsed = fresh().parse('First part.\n\n  Second part');
    const second = parsed.tokens.find((token) => token.text === 'Second');
    expect(second?.space).toBe('  ');
    for (const [s, sentence] of parsed.sentences.entries())
      for (let i = sentence.first; i <= sentence.last; i += 1) expect(parsed.tokens[i]?.sentence).toBe(s);
  });
});

describe('byParagraph: cache limits', () => {
  it('keeps at most the given number of paragraphs and characters', () => {
    const nlp = byParagraph(wink, { entries: 5, chars: 300 });
    for (let n = 0; n < 40; n += 1) {
      nlp.parse(n % 3 === 0 ? `${unseen('A first part')}\n\n${unseen('and a second one')}` : unseen('One part'));
      const { entries, chars } = nlp.cached();
      expect(entries).toBeLessThanOrEqual(5);
      expect(chars).toBeLessThanOrEqual(300);
    }
  });

  it('does not keep a paragraph longer than the character limit', () => {
    const nlp = byParagraph(wink, { entries: 5, chars: 50 });
    nlp.parse(unseen('This paragraph is far longer than the fifty characters the cache may hold'));
    expect(nlp.cached()).toEqual({ entries: 0, chars: 0 });
  });
});

describe('evaluate: an answer with its follow-up', () => {
  it('evaluates the joined text as a cold read does after the main answer was evaluated alone', () => {
    const cold = prepare(fresh(), testPack, testCorpus);
    const main = unseen(strongStory);
    const joined = `${main}\n\n${unseen(followUp)}`;
    evaluator.evaluate(main, question('difficult'));
    expect(evaluator.evaluate(joined, question('difficult'))).toEqual(analyse(cold, joined, question('difficult')));
  });
});
