import { describe, expect, it } from 'vitest';
import { cannedThreshold } from '../../src/evaluation/index.js';
import { evaluate, strongStory, testCorpus } from './helpers.js';

const published = testCorpus.answers[0]?.text ?? '';
const sentences = published.match(/[^.]+\./g) ?? [];

describe('canned answers: similarity to the corpus', () => {
  it('catches a verbatim copy', () => {
    const { canned } = evaluate(published);
    expect(canned.canned).toBe(true);
    expect(canned.similarity).toBeGreaterThan(0.9);
    expect(canned.closestId).toBe('canned-one');
  });

  it('catches a copy with synonyms swapped', () => {
    const swapped = published
      .replace('truly satisfy customers', 'really satisfy clients')
      .replace('courteous', 'polite')
      .replace('listening carefully', 'listening closely')
      .replace('happy and loyal', 'glad and loyal');
    expect(evaluate(swapped).canned.canned).toBe(true);
  });

  it('catches a copy with its sentences reordered', () => {
    expect(evaluate([...sentences].reverse().join(' ')).canned.canned).toBe(true);
  });

  it('catches a copy with a sentence dropped', () => {
    expect(evaluate(sentences.slice(1).join(' ')).canned.canned).toBe(true);
  });

  it('catches a copy with a sentence of its own added', () => {
    expect(evaluate(`${published} I worked in a bakery for two years.`).canned.canned).toBe(true);
  });

  it("does not call an answer in the candidate's own words canned", () => {
    const { canned } = evaluate(strongStory, 'difficult');
    expect(canned.canned).toBe(false);
    expect(canned.similarity).toBeLessThan(cannedThreshold);
  });

  it('does not call a short answer that shares a phrase canned', () => {
    expect(evaluate('Customer service is about listening carefully.').canned.canned).toBe(false);
  });

  it('keeps the similarity between 0 and 1, and 0 with no closest answer for an empty answer', () => {
    expect(evaluate('').canned).toEqual({ canned: false, similarity: 0, closestId: null });
  });
});
