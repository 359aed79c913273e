import { describe, expect, it } from 'vitest';
import { evaluate, strongStory } from './helpers.js';

describe('specificity: concrete details against general claims', () => {
  it('finds numbers, time frames, names and concrete past actions', () => {
    const s = evaluate(
      'Last Tuesday at the Leeds branch I called 4 other stores and Priya found the coat within two hours.',
    ).specificity;
    expect(s.numbers.join(' ')).toContain('4 other stores');
    expect(s.timeFrames).toEqual(expect.arrayContaining(['Last Tuesday', 'two hours']));
    expect(s.names).toEqual(expect.arrayContaining(['Leeds', 'Priya']));
    expect(s.concreteActions).toEqual(['I called 4 other stores']);
  });

  it('does not take a rough count for a detail', () => {
    const s = evaluate(
      'I ask a question or two before I suggest anything. We had two or three complaints, maybe 5 or 6 a week, ten or so.',
    ).specificity;
    expect(s.numbers).toEqual([]);
    // An exact count beside a rough one is still a detail.
    expect(evaluate('We had two or three complaints, so I called 4 other stores.').specificity.numbers).toEqual([
      '4 other stores',
    ]);
  });

  it('lists general claims and scores them below a story', () => {
    const vague = evaluate(
      'Customers like friendly staff. Good service is important. People remember how you made them feel.',
    );
    expect(vague.specificity.genericClaims.length).toBeGreaterThanOrEqual(2);
    expect(vague.specificity.score).toBeLessThan(evaluate(strongStory).specificity.score);
  });

  it('lists stock phrases and does not count their numbers as detail', () => {
    const s = evaluate("I'm a real people person and I give 110% every day.").specificity;
    expect(s.cliches).toEqual(expect.arrayContaining(['people person', '110%']));
    expect(s.numbers).toEqual([]);
  });

  it('keeps the score between 0 and 1', () => {
    for (const answer of ['', 'ok', strongStory, strongStory.repeat(5)]) {
      const { score } = evaluate(answer).specificity;
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });
});
