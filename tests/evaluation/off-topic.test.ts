import { describe, expect, it } from 'vitest';
import { evaluate, evaluateShipped, strongStory } from './helpers.js';

describe('off-topic: no overlap with the question, the rubric or the trade', () => {
  it('flags an answer about something else', () => {
    const evaluation = evaluate(
      'It has been such a grey week, I got soaked on the way here and the buses were a nightmare. ' +
        'Hopefully it clears up for the barbecue at the weekend.',
    );
    expect(evaluation.offTopic).toBe(true);
    expect(evaluation.score).toBe(0);
  });

  it('flags an answer about pay and shifts instead of the question', () => {
    expect(
      evaluate('Before I start I would want to know the pay and whether overtime is paid on weekends.', 'queue')
        .offTopic,
    ).toBe(true);
  });

  it('does not flag an answer about serving customers', () => {
    expect(evaluate(strongStory, 'difficult').offTopic).toBe(false);
    expect(evaluate('I would call a colleague to open another till and keep the queue moving.', 'queue').offTopic).toBe(
      false,
    );
  });

  it('does not flag an answer too short to judge', () => {
    expect(evaluate('no idea').offTopic).toBe(false);
    expect(evaluate('').offTopic).toBe(false);
  });

  it('gives an off-topic story no STAR parts', () => {
    const star = evaluate(
      'Last year I built a chat bot for my gaming group in Python and 200 people use it now.',
      'difficult',
    ).star;
    expect(star && Object.values(star).some((part) => part.present)).toBe(false);
  });

  it('is not kept on topic by a passing word that a cue needs in context ("my favourite football team")', () => {
    const football = evaluateShipped(
      'My favourite football team is Leeds United and I watch every match with my dad on Saturdays.',
      'first-impression',
    );
    expect(football.offTopic).toBe(true);
    expect(football.concepts.filter((c) => c.covered)).toEqual([]);
    // A customer's favourite is still personal service.
    const regular = evaluateShipped('I always remember her favourite cake when she comes in.', 'first-impression');
    expect(regular.concepts.find((c) => c.id === 'personalization')?.covered).toBe(true);
  });
});
