import { describe, expect, it } from 'vitest';
import { evaluate, strongStory } from './helpers.js';

const parts = (answer: string) => {
  const star = evaluate(answer, 'difficult').star;
  if (star === null) throw new Error('a behavioral question has a STAR analysis');
  return star;
};

describe('STAR: the parts of a story, each with evidence', () => {
  it('finds situation, task, action and result in a complete story', () => {
    const star = parts(strongStory);
    expect(star.situation.present && star.task.present && star.action.present && star.result.present).toBe(true);
    expect(star.situation.evidence[0]).toContain('Last May at the Leeds branch a customer came in shouting');
    expect(star.task.evidence[0]).toContain('My job was to get her the coat');
    expect(star.action.evidence).toContain('I let her finish without interrupting');
    expect(star.result.evidence.join(' ')).toContain('thanked');
  });

  it('finds no situation in general claims with no episode', () => {
    const star = parts(
      'Customers appreciate it when you take the time to listen. I always stay calm and I try to fix things quickly.',
    );
    expect(star.situation.present).toBe(false);
    expect(star.action.present).toBe(false);
  });

  it('does not count hypotheticals ("I would") as story actions', () => {
    const star = parts("I would listen first, then I'd apologise and I would call the other branches.");
    expect(star.action.present).toBe(false);
  });

  it('does not count what "we" did as the candidate\'s action', () => {
    const star = parts(
      'Last year at the call centre in Leeds a caller complained. We set up a new text alert for her.',
    );
    expect(star.situation.present).toBe(true);
    expect(star.action.present).toBe(false);
  });

  it('does not count a habit as an action ("I always called them back")', () => {
    expect(parts('I always called customers back the same day.').action.present).toBe(false);
  });

  it('needs a when or a who for a situation, not just a past tense', () => {
    expect(parts('Once I said I would ring someone back and I did.').situation.present).toBe(false);
    expect(parts('One Sunday a man came to the desk at our Leeds store, furious.').situation.present).toBe(true);
  });

  it('finds the result in what the customer did after the last action', () => {
    const star = parts('Last week a woman rang about a late sofa. I booked her a new slot. She left a glowing review.');
    expect(star.result.present).toBe(true);
  });

  it('finds no result when the story stops at the action', () => {
    const star = parts('Last week a woman rang about a late sofa. I booked her a new slot and logged a complaint.');
    expect(star.result.present).toBe(false);
  });

  it('is null for questions that expect no story', () => {
    expect(evaluate(strongStory, 'meaning').star).toBeNull();
    expect(evaluate(strongStory, 'queue').star).toBeNull();
  });

  it('still reports a concrete example for any kind of question', () => {
    expect(evaluate(strongStory, 'meaning').example?.present).toBe(true);
    expect(evaluate('Customer service means listening.', 'meaning').example?.present).toBe(false);
  });
});
