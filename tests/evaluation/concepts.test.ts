import { describe, expect, it } from 'vitest';
import { covers, evaluate, evaluateShipped } from './helpers.js';

describe('concept coverage: cues match lemma sequences', () => {
  it('matches inflected forms of a cue', () => {
    expect(covers(evaluate('I listened to every caller and stayed calm.'), 'active-listening')).toBe(true);
    expect(covers(evaluate('I stayed calm with every caller.'), 'patience')).toBe(true);
  });

  it('matches a cue whatever the pronoun or article', () => {
    expect(covers(evaluate('I let him finish before I said a word.'), 'active-listening')).toBe(true);
    expect(covers(evaluate('I called the customer back that afternoon.'), 'follow-through')).toBe(true);
  });

  it('does not match a cue hidden inside another word', () => {
    expect(covers(evaluate('The staff were unfriendly and the place was noisy.'), 'positive-attitude')).toBe(false);
    expect(covers(evaluate('The fixture list for the football season came out today.'), 'problem-solving')).toBe(false);
  });

  it('lists every rubric concept, in rubric order, with the expected ones marked', () => {
    const evaluation = evaluate('I listen first.', 'meaning');
    expect(evaluation.concepts.map((c) => c.id)).toEqual([
      'active-listening',
      'positive-attitude',
      'patience',
      'efficiency',
      'empathy',
      'problem-solving',
      'follow-through',
      'honesty',
    ]);
    expect(evaluation.concepts.filter((c) => c.expected).map((c) => c.id)).toEqual([
      'active-listening',
      'positive-attitude',
      'problem-solving',
    ]);
  });

  it("gives the answer's own words around the cue as evidence", () => {
    const evaluation = evaluate('When a customer is upset, I always listen carefully before I say anything.');
    const listening = evaluation.concepts.find((c) => c.id === 'active-listening');
    expect(listening?.evidence).toEqual(['I always listen carefully before I say anything']);
  });

  it('cuts a long clause at about fourteen words, but not a couple of words short of its start or end', () => {
    // Fifteen words: a window of fourteen around "listen" would begin at "me".
    const long = 'To me it means that I always listen to every word the customer says first.';
    const [quote] = evaluate(long).concepts.find((c) => c.id === 'active-listening')?.evidence ?? [];
    expect(quote).toBe(long.slice(0, -1));
    // Far from both ends, the quote stays a window around the cue.
    const longer =
      'On most days at the shop it means that in the rush I really listen to every single word of the customer before I say what we can do for them next week.';
    const [window] = evaluate(longer).concepts.find((c) => c.id === 'active-listening')?.evidence ?? [];
    expect(window?.split(' ').length).toBeLessThanOrEqual(14);
    expect(longer).toContain(window);
  });

  it('gives no evidence for a concept it does not find', () => {
    const evaluation = evaluate('I like working with people.');
    expect(evaluation.concepts.every((c) => c.covered === c.evidence.length > 0)).toBe(true);
  });
});

describe("concept evidence: the candidate's own words before stock phrases", () => {
  // The shipped pack: its positive-attitude cues include phrases that stock lines ("love helping people") contain.
  const evidenceOf = (answer: string) =>
    evaluateShipped(answer, 'cs-meaning').concepts.find((c) => c.id === 'positive-attitude');

  it('quotes a stock phrase only when nothing else shows the concept', () => {
    const cliche = 'I am a people person and I love helping people.';
    expect(evidenceOf(cliche)).toEqual(expect.objectContaining({ covered: true, evidence: [cliche.slice(0, -1)] }));
    const both = evidenceOf(`${cliche} I would always smile and make sure they are happy.`);
    expect(both).toEqual(
      expect.objectContaining({ covered: true, evidence: ['I would always smile and make sure they are happy'] }),
    );
  });
});
