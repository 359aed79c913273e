import { describe, expect, it } from 'vitest';
import { covers, evaluate } from './helpers.js';

const concept = (answer: string, id: string) => evaluate(answer).concepts.find((c) => c.id === id);

describe('negation: a denied cue does not cover its concept', () => {
  it('does not cover active listening for "I don\'t really listen to customers"', () => {
    const listening = concept("I don't really listen to customers, I just get on with it.", 'active-listening');
    expect(listening?.covered).toBe(false);
    expect(listening?.negated).toEqual(["I don't really listen to customers"]);
  });

  it('reads a negation written without an apostrophe in chat', () => {
    expect(covers(evaluate('i dont listen to them tbh'), 'active-listening')).toBe(false);
  });

  it('ends the scope at the next clause', () => {
    const evaluation = evaluate("I don't rush, and I always listen to the whole story.");
    expect(covers(evaluation, 'active-listening')).toBe(true);
  });

  it('reads a double negative as positive ("I never interrupt")', () => {
    expect(covers(evaluate('I never interrupt; I let them finish.'), 'active-listening')).toBe(true);
    expect(covers(evaluate("I don't rush anyone at the till."), 'patience')).toBe(true);
  });

  it('does not deny a point made in a condition ("if you don\'t listen")', () => {
    expect(covers(evaluate("If you don't listen, you end up fixing the wrong thing."), 'active-listening')).toBe(true);
  });

  it('counts a cue that names what to avoid only when it is denied', () => {
    expect(covers(evaluate("I'd never make something up to get rid of a customer."), 'honesty')).toBe(true);
    expect(covers(evaluate('Sometimes I make something up so they go away happy.'), 'honesty')).toBe(false);
  });
});

describe('contrast: what is set against something else does not count', () => {
  it('does not cover positive attitude for "it\'s not about being friendly, it\'s about speed"', () => {
    const evaluation = evaluate("It's not about being friendly, it's about speed.");
    expect(covers(evaluation, 'positive-attitude')).toBe(false);
    expect(covers(evaluation, 'efficiency')).toBe(true);
    expect(evaluation.concepts.find((c) => c.id === 'positive-attitude')?.negated).toHaveLength(1);
  });

  it('sets aside what comes after "rather than"', () => {
    const evaluation = evaluate('I fix the problem quickly rather than smile and chat.');
    expect(covers(evaluation, 'positive-attitude')).toBe(false);
    expect(covers(evaluation, 'problem-solving')).toBe(true);
  });

  it('sets aside a point conceded before "but it doesn\'t"', () => {
    const evaluation = evaluate("Being friendly is nice, but it doesn't fix anything.");
    expect(covers(evaluation, 'positive-attitude')).toBe(false);
  });

  it('keeps a point softened by "not just"', () => {
    expect(covers(evaluate("It's not just about being friendly, it's also about speed."), 'positive-attitude')).toBe(
      true,
    );
  });

  it('reads a denial after the cue ("listening isn\'t what matters")', () => {
    expect(covers(evaluate("Listening isn't what matters here, results are."), 'active-listening')).toBe(false);
  });
});

describe('asides that only sound like a rubric word', () => {
  it('does not read "to be honest" or a leading "honestly" as honesty', () => {
    expect(covers(evaluate('To be honest with you, I would be upset too.'), 'honesty')).toBe(false);
    expect(covers(evaluate("Honestly, I'd panic a bit."), 'honesty')).toBe(false);
  });

  it('still reads "honestly" after a verb as honesty', () => {
    expect(covers(evaluate('I told him honestly that the order was late.'), 'honesty')).toBe(true);
  });
});
