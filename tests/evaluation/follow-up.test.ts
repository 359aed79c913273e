import { describe, expect, it } from 'vitest';
import type { FollowUpHistory, FollowUpReason } from '../../src/evaluation/index.js';
import { evaluate, evaluator, question, seeded, strongStory, testCorpus, testPack } from './helpers.js';

type Id = 'meaning' | 'difficult' | 'queue';
const none: FollowUpHistory = { asked: [] };
const ask = (answer: string, id: Id = 'meaning', history: FollowUpHistory = none, seed = 1) =>
  evaluator.chooseFollowUp(evaluate(answer, id), question(id), history, seeded(seed));
const reason = (answer: string, id: Id = 'meaning', history: FollowUpHistory = none) =>
  ask(answer, id, history)?.reason ?? null;

const offTopic =
  'It has been such a grey week, I got soaked on the way here and the buses were a nightmare. Hopefully it clears up.';
const noEpisode =
  'I think the most important thing with a difficult customer is to stay calm and listen to them properly, to show ' +
  'some empathy for how they feel, and then to find a way to fix whatever went wrong so they leave happier.';
const noResult =
  'Last May at the Leeds branch a customer came in shouting because her order had not arrived. My job was to get ' +
  'her the coat before Friday. I let her finish without interrupting, apologised, and called four other branches ' +
  'until I found one in Bradford, then I drove over after my shift and delivered it myself.';
const noSituation =
  'I let the caller finish without interrupting and apologised for the wait, then I called four other branches ' +
  'until I found the part she needed. My job was to get it to her by Friday. She thanked me and still shops with us.';
const definitionNoExample =
  'Customer service means listening to what people actually need, staying friendly even on a long shift, and ' +
  'finding a way to fix the problem rather than passing the customer along to somebody else in the shop.';
const definitionMissingCore =
  'For me it is about staying calm and being quick. Last May at the Leeds branch a customer came in upset about a ' +
  'late order, so I stayed calm, apologised and sorted a replacement for her within the hour.';

describe('chooseFollowUp: the fixed priority', () => {
  it('asks to come back to the question first when the answer is off topic', () => {
    expect(reason(offTopic)).toBe('off-topic');
  });

  it('asks to expand an answer under 25 words', () => {
    expect(reason('patience')).toBe('expand');
    expect(reason('I listen to people and try to help them.')).toBe('expand');
  });

  it('asks to expand an answer of stock phrases only', () => {
    const filler =
      "Customer service means a lot to me. I'm a real people person and it just comes naturally to me, honestly. " +
      "I give 110% in everything I do and I think that's what it's all about at the end of the day.";
    expect(reason(filler)).toBe('expand');
  });

  it('asks for the personal version of a canned answer', () => {
    expect(reason(testCorpus.answers[0]?.text ?? '')).toBe('personal');
  });

  it('asks a behavioral answer with no story for an example', () => {
    expect(reason(noEpisode, 'difficult')).toBe('example');
  });

  it('asks for the first missing STAR part: situation, then action, then result, then task', () => {
    expect(reason(noSituation, 'difficult')).toBe('star-situation');
    expect(reason(noResult, 'difficult')).toBe('star-result');
    const noTask = noResult.replace(' My job was to get her the coat before Friday.', '').concat(' She thanked me.');
    expect(reason(noTask, 'difficult')).toBe('star-task');
  });

  it('asks for an example when the question expects one and none is given', () => {
    expect(reason(definitionNoExample)).toBe('example');
  });

  it("probes the question's core concept when it is missing and little else was shown", () => {
    const followUp = ask(definitionMissingCore);
    expect(followUp?.reason).toBe('concept');
    expect(followUp?.conceptId).toBe('active-listening');
    const templates = testPack.concepts.find((c) => c.id === 'active-listening')?.followUps ?? [];
    expect(templates.some((t) => followUp?.text === t || t.includes('{quote}'))).toBe(true);
  });

  it('asks nothing after a complete story', () => {
    expect(reason(strongStory, 'difficult')).toBeNull();
  });

  it('does not ask for an example where the question expects none', () => {
    const plan =
      'I would call a colleague to open another till straight away, thank the people in the queue for waiting, and ' +
      'keep helping the customer in front of me quickly but properly so nobody is left without an answer.';
    expect(reason(plan, 'queue')).toBeNull();
  });
});

describe('chooseFollowUp: history', () => {
  it('never repeats a reason already asked', () => {
    expect(reason(noResult, 'difficult', { asked: ['star-result'] })).not.toBe('star-result');
    expect(reason(offTopic, 'meaning', { asked: ['off-topic'] })).not.toBe('off-topic');
  });

  it('moves to the next applicable reason', () => {
    expect(reason('patience', 'difficult', { asked: ['expand'] })).toBe('example');
  });

  it('asks at most two follow-ups by default', () => {
    expect(reason('patience', 'difficult', { asked: ['expand', 'example'] })).toBeNull();
  });

  it('asks at most history.max follow-ups', () => {
    expect(reason('patience', 'difficult', { asked: ['expand'], max: 1 })).toBeNull();
    expect(reason('patience', 'difficult', { asked: ['expand'], max: 3 })).toBe('example');
  });
});

describe("chooseFollowUp: the candidate's own words", () => {
  it('quotes a short phrase of the answer, 3 to 10 words', () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const followUp = ask(noResult, 'difficult', none, seed);
      if (followUp?.quote === undefined) continue;
      const words = followUp.quote.split(/\s+/).length;
      expect(words).toBeGreaterThanOrEqual(3);
      expect(words).toBeLessThanOrEqual(10);
      expect(noResult).toContain(followUp.quote);
      expect(followUp.text).toContain(followUp.quote);
      return;
    }
    throw new Error('no seed picked a quoting template');
  });

  it('quotes what the candidate did when asking for the result', () => {
    const quotes = new Set<string>();
    for (let seed = 1; seed <= 20; seed += 1) {
      const quote = ask(noResult, 'difficult', none, seed)?.quote;
      if (quote !== undefined) quotes.add(quote);
    }
    expect([...quotes].some((q) => q.startsWith('I '))).toBe(true);
  });

  it("quotes words holding a replacement pattern ($&, $') exactly as they were written", () => {
    for (let seed = 1; seed <= 20; seed += 1) {
      const followUp = ask("0$& I called and then $' I said", 'meaning', none, seed);
      if (followUp?.quote === undefined) continue;
      expect(followUp.quote).toContain('$');
      expect(followUp.text).toContain(followUp.quote);
      expect(followUp.text).not.toContain('{quote}');
      return;
    }
    throw new Error('no seed picked a quoting template');
  });

  it('uses a template without a quote when nothing is quotable', () => {
    const followUp = ask('patience');
    expect(followUp?.reason).toBe('expand');
    expect(followUp?.quote).toBeUndefined();
    expect(followUp?.text).not.toContain('{quote}');
  });
});

describe('chooseFollowUp: phrasing varies only with random', () => {
  it('gives the same words for the same seed', () => {
    for (const seed of [1, 2, 3, 99])
      expect(ask(noResult, 'difficult', none, seed)).toEqual(ask(noResult, 'difficult', none, seed));
  });

  it('varies the words across seeds', () => {
    const texts = new Set(
      Array.from({ length: 20 }, (_, seed) => ask(definitionNoExample, 'meaning', none, seed)?.text),
    );
    expect(texts.size).toBeGreaterThan(1);
  });

  it('survives a random source out of range', () => {
    const reasons: (FollowUpReason | undefined)[] = [1, -1, Number.NaN, 7].map(
      (r) => evaluator.chooseFollowUp(evaluate('patience'), question('meaning'), none, () => r)?.reason,
    );
    expect(reasons).toEqual(['expand', 'expand', 'expand', 'expand']);
  });
});
