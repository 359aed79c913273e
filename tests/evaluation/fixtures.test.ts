import { beforeAll, describe, expect, it } from 'vitest';
import { createEvaluator } from '../../src/evaluation/index.js';
import { loadCorpus, loadPacks } from '../../src/packs/index.js';
import { type FixtureFigures, fixturesFile, loadFixtures, measure } from './fixture-metrics.js';

let figures: FixtureFigures;

beforeAll(() => {
  // Missing or malformed fixtures fail here, and with them every test below.
  const fixtures = loadFixtures(fixturesFile);
  const pack = loadPacks().find((p) => p.id === 'customer-service');
  if (pack === undefined) throw new Error('the customer-service pack is missing');
  figures = measure(createEvaluator(pack, loadCorpus()), pack, fixtures).figures;
  const { misses, ...shown } = figures;
  console.log(
    'evaluator on the labelled fixtures:',
    JSON.stringify(shown, (_, v) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v)),
  );
});

describe('the labelled fixtures', () => {
  it('hold at least 80 answers', () => {
    expect(figures.answers).toBeGreaterThanOrEqual(80);
  });
});

describe('concept coverage on the fixtures', () => {
  it('reaches a micro-F1 of 0.85 over the listed covers and lacks', () => {
    expect(figures.conceptF1, figures.misses.concepts.join('\n')).toBeGreaterThanOrEqual(0.85);
  });
});

describe('STAR parts on the fixtures', () => {
  it('gets 85% of the parts of the behavioral answers right', () => {
    expect(figures.starAccuracy, figures.misses.star.join('\n')).toBeGreaterThanOrEqual(0.85);
  });
});

describe('the score on the fixtures', () => {
  it('ranks answers as the grades do (Spearman 0.8 or more)', () => {
    expect(figures.scoreSpearman).toBeGreaterThanOrEqual(0.8);
  });

  it('ranks them better than word count does, by at least 0.1', () => {
    expect(figures.scoreSpearman - figures.wordCountSpearman).toBeGreaterThanOrEqual(0.1);
  });
});

describe('canned answers on the fixtures', () => {
  it('catches every verbatim copy', () => {
    expect(figures.cannedVerbatimCaught, figures.misses.canned.join('\n')).toBe(figures.cannedVerbatim);
  });

  it('catches 90% of the paraphrased copies', () => {
    expect(figures.cannedParaphraseRate, figures.misses.canned.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('calls at most 5% of the honest answers canned', () => {
    expect(figures.falseCannedRate, figures.misses.canned.join('\n')).toBeLessThanOrEqual(0.05);
  });
});

describe('follow-ups on the fixtures', () => {
  it('chooses the labelled reason for 80% of the answers', () => {
    expect(figures.followUpAccuracy, figures.misses.followUp.join('\n')).toBeGreaterThanOrEqual(0.8);
  });
});
