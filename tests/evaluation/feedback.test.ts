import { describe, expect, it } from 'vitest';
import { evaluate, evaluator, question, strongStory, testCorpus } from './helpers.js';

const vague =
  'I always stay calm and friendly with difficult customers, and I try my best to sort things out for them.';

describe('answerFeedback: plain data for adapters', () => {
  it('lists strengths with the evidence behind them', () => {
    const feedback = evaluator.answerFeedback(evaluate(strongStory, 'difficult'), question('difficult'));
    expect(feedback.questionId).toBe('difficult');
    expect(feedback.questionText).toBe(question('difficult').text);
    const listening = feedback.strengths.find((s) => s.label === 'Active listening');
    expect(listening?.evidence.length).toBeGreaterThan(0);
    expect(feedback.strengths.map((s) => s.label)).toContain('A complete story (STAR)');
  });

  it("gives each missed expected concept the concept's tip", () => {
    const feedback = evaluator.answerFeedback(evaluate(vague, 'difficult'), question('difficult'));
    expect(feedback.gaps).toContainEqual({
      label: 'Empathy',
      tip: 'Show empathy with one real moment.',
      conceptId: 'empathy',
    });
    expect(feedback.gaps.map((g) => g.label)).toContain('A real example');
  });

  it('names the missing STAR parts with a tip each', () => {
    const story = strongStory.replace(/She thanked me.*$/, '');
    const feedback = evaluator.answerFeedback(evaluate(story, 'difficult'), question('difficult'));
    expect(feedback.gaps.find((g) => g.label === 'STAR: result')?.tip).toMatch(/outcome/);
    expect(feedback.star?.result.present).toBe(false);
  });

  it('carries the score and its breakdown, delivery notes and remarks', () => {
    const evaluation = evaluate(testCorpus.answers[0]?.text ?? '', 'meaning');
    const feedback = evaluator.answerFeedback(evaluation, question('meaning'));
    expect(feedback.score).toBe(evaluation.score);
    expect(feedback.breakdown).toEqual(evaluation.breakdown);
    expect(feedback.delivery[0]).toMatch(/words/);
    expect(feedback.notes.join(' ')).toMatch(/published sample answer/);
  });

  it('is plain JSON data', () => {
    const feedback = evaluator.answerFeedback(evaluate(strongStory, 'difficult'), question('difficult'));
    expect(JSON.parse(JSON.stringify(feedback))).toEqual(feedback);
  });
});

describe('interviewFeedback: the whole interview', () => {
  const answered = [
    { evaluation: evaluate(strongStory, 'difficult'), question: question('difficult') },
    { evaluation: evaluate(vague, 'difficult'), question: question('difficult') },
    { evaluation: evaluate('Customer service means being friendly.', 'meaning'), question: question('meaning') },
  ];

  it('gives the mean score and counts answered and skipped questions', () => {
    const feedback = evaluator.interviewFeedback(answered, 2);
    const mean = Math.round(answered.reduce((sum, a) => sum + a.evaluation.score, 0) / answered.length);
    expect(feedback.score).toBe(mean);
    expect(feedback.answered).toBe(3);
    expect(feedback.skipped).toBe(2);
    expect(feedback.answers).toHaveLength(3);
  });

  it('averages each criterion of the breakdown', () => {
    const feedback = evaluator.interviewFeedback(answered, 0);
    const coverage = feedback.breakdown.find((p) => p.criterion === 'coverage');
    const points = answered.map((a) => a.evaluation.breakdown.find((p) => p.criterion === 'coverage')?.points ?? 0);
    expect(coverage?.points).toBeCloseTo(points.reduce((a, b) => a + b, 0) / points.length, 1);
  });

  it('names at most three things to practise, most useful first', () => {
    const feedback = evaluator.interviewFeedback(answered, 0);
    expect(feedback.practise.length).toBeGreaterThan(0);
    expect(feedback.practise.length).toBeLessThanOrEqual(3);
    expect(feedback.practise[0]?.tip).not.toBe('');
  });

  it('lists concepts covered and concepts expected but never covered', () => {
    const feedback = evaluator.interviewFeedback(answered, 0);
    expect(feedback.conceptsCovered).toContain('active-listening');
    expect(feedback.conceptsMissed).not.toContain('active-listening');
    expect(feedback.conceptsMissed.every((id) => !feedback.conceptsCovered.includes(id))).toBe(true);
  });

  it('has no score when nothing was answered', () => {
    const feedback = evaluator.interviewFeedback([], 3);
    expect(feedback.score).toBeNull();
    expect(feedback.practise).toEqual([]);
    expect(feedback.breakdown).toEqual([]);
  });
});
