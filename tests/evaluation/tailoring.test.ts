import { describe, expect, it } from 'vitest';
import { evaluator, question } from './helpers.js';

const tailoring = (answer: string, company?: string, companyValues?: string[]) =>
  evaluator.evaluate(answer, question('meaning'), {
    ...(company === undefined ? {} : { company }),
    ...(companyValues === undefined ? {} : { companyValues }),
  }).tailoring;

describe('tailoring: whether the answer connects to the company', () => {
  it('is null when no company was given', () => {
    expect(tailoring('I listen to customers.')).toEqual({ tailored: null, evidence: [] });
  });

  it('is false when the answer never mentions the company', () => {
    expect(tailoring('I listen to customers and fix their problems.', 'Acme').tailored).toBe(false);
  });

  it('is false when the answer only names the company', () => {
    expect(tailoring('I have always wanted to work for Acme, it is a brilliant company.', 'Acme').tailored).toBe(false);
  });

  it("is true when the answer ties itself to the company's values, with evidence", () => {
    const result = tailoring(
      'Acme says its mission is putting customers first, and that is what service means to me.',
      'Acme',
    );
    expect(result.tailored).toBe(true);
    expect(result.evidence[0]).toContain('Acme says its mission is putting customers first');
  });

  it('is true when the answer echoes values the candidate gave', () => {
    const result = tailoring('For me service is about sincerity and building trust with every customer.', 'Spotify', [
      'sincerity',
    ]);
    expect(result.tailored).toBe(true);
    expect(result.evidence).toEqual(['For me service is about sincerity and building trust with every customer']);
  });

  it('does not count a value the answer denies', () => {
    expect(tailoring("It isn't about sincerity, it's about speed.", 'Spotify', ['sincerity']).tailored).toBe(false);
  });
});
