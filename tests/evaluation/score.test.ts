import { describe, expect, it } from 'vitest';
import { evaluate, strongStory, testCorpus } from './helpers.js';

describe('score: the sum of named criteria', () => {
  it('is the sum of the breakdown, each part within its max', () => {
    for (const answer of ['', 'patience', strongStory, testCorpus.answers[0]?.text ?? '']) {
      const evaluation = evaluate(answer, 'difficult');
      expect(evaluation.score).toBe(evaluation.breakdown.reduce((sum, part) => sum + part.points, 0));
      for (const part of evaluation.breakdown) {
        expect(part.points).toBeGreaterThanOrEqual(0);
        expect(part.points).toBeLessThanOrEqual(part.max);
        expect(part.reason).not.toBe('');
      }
      expect(evaluation.breakdown.reduce((sum, part) => sum + part.max, 0)).toBe(100);
    }
  });

  it('names coverage, structure, specificity, delivery and originality, and tailoring with a company', () => {
    expect(evaluate(strongStory).breakdown.map((p) => p.criterion)).toEqual([
      'coverage',
      'structure',
      'specificity',
      'delivery',
      'originality',
    ]);
    expect(evaluate(strongStory, 'meaning', 'Acme').breakdown.map((p) => p.criterion)).toContain('tailoring');
  });

  it('ranks a strong story above a vague answer, and a vague answer above an empty one', () => {
    const strong = evaluate(strongStory, 'difficult').score;
    const vague = evaluate('I always stay calm and listen, customers like that.', 'difficult').score;
    const empty = evaluate('', 'difficult').score;
    expect(strong).toBeGreaterThan(vague);
    expect(vague).toBeGreaterThan(empty);
  });

  it('credits a canned answer little for what it covers', () => {
    const canned = evaluate(testCorpus.answers[0]?.text ?? '');
    expect(canned.score).toBeLessThan(45);
    expect(canned.breakdown.find((p) => p.criterion === 'originality')?.points).toBe(0);
  });
});
