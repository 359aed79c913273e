import { describe, expect, it } from 'vitest';
import { defaultTargetWords } from '../../src/evaluation/index.js';
import { evaluate } from './helpers.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 'listen' : 'carefully')).join(' ');

describe('length: the word count against the target range', () => {
  it('uses the defaults by kind of question', () => {
    expect(defaultTargetWords).toEqual({ definition: [60, 220], behavioral: [120, 350], situational: [70, 250] });
    expect(evaluate(words(10), 'meaning').delivery.targetWords).toEqual([60, 220]);
    expect(evaluate(words(10), 'difficult').delivery.targetWords).toEqual([120, 350]);
  });

  it("lets a question's targetWords override the default", () => {
    expect(evaluate(words(10), 'queue').delivery.targetWords).toEqual([40, 120]);
  });

  it('places the count in a band', () => {
    const band = (n: number) => evaluate(words(n), 'meaning').delivery.length;
    expect([band(20), band(50), band(100), band(300), band(400)]).toEqual([
      'too-short',
      'short',
      'good',
      'long',
      'too-long',
    ]);
  });

  it('counts words as a listener would, contractions and hyphens included', () => {
    expect(evaluate("I don't follow-up late, 100%!").wordCount).toBe(5);
    expect(evaluate('   ').wordCount).toBe(0);
  });
});

describe('delivery: fillers, hedges and ownership', () => {
  it('finds filler words and hedges', () => {
    const d = evaluate('Um, I think I basically, you know, listen to them, maybe.').delivery;
    expect(d.fillers).toEqual(['um', 'basically', 'you know']);
    expect(d.hedges).toEqual(['i think', 'maybe']);
  });

  it('tells "I" from "we"', () => {
    expect(evaluate('I listened, I apologised and I fixed it myself.').delivery.ownership).toBe('i');
    expect(evaluate('We listened, we apologised and our team fixed it.').delivery.ownership).toBe('we');
    expect(evaluate('I listened and we fixed it.').delivery.ownership).toBe('mixed');
    expect(evaluate('Listening matters.').delivery.ownership).toBe('none');
  });
});
