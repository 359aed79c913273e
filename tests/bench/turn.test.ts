import { describe, expect, it } from 'vitest';
import { benchTurns, finishedSessionBytes } from '../../scripts/bench/turn.js';
import { library } from '../runtime/helpers.js';

// The bench's figures are timings and are only printed (npm run bench); this checks what they are made of: the keys
// `--json` promises, each a measurement that was taken, and the ratio computed from the figures beside it.
describe('the runtime turn bench, run small', () => {
  it('measures a turn and a bare get+set on SQLite and in memory, and gives their ratio', async () => {
    const figures = await benchTurns(library, 30, 30);
    for (const backend of ['sqlite', 'memory'] as const) {
      const f = figures[backend];
      const { roundRatios, ...times } = f;
      expect(Object.keys(times).sort()).toEqual(['getSetInTurnP50Ms', 'getSetP50Ms', 'p50Ms', 'p99Ms', 'ratio']);
      for (const value of Object.values(times)) expect(Number.isFinite(value) && value >= 0).toBe(true);
      expect(f.p50Ms).toBeGreaterThan(0);
      expect(f.p99Ms).toBeGreaterThanOrEqual(f.p50Ms);
      expect(Object.keys(roundRatios).sort()).toEqual(['max', 'median', 'min']);
      expect(roundRatios.min).toBeGreaterThan(0);
      expect(roundRatios.min).toBeLessThanOrEqual(roundRatios.median);
      expect(roundRatios.median).toBeLessThanOrEqual(roundRatios.max);
    }
    const { sqlite, memory } = figures;
    // Figures are rounded to the microsecond; the SQLite ones are hundreds of microseconds, so the ratio checks out.
    expect(Math.abs(sqlite.ratio - sqlite.p50Ms / sqlite.getSetP50Ms) / sqlite.ratio).toBeLessThan(0.01);
    // Thirty turns are one round, so the round's ratio is the run's.
    for (const value of Object.values(sqlite.roundRatios))
      expect(Math.abs(value - sqlite.ratio) / sqlite.ratio).toBeLessThan(0.001);
    // A write to a file costs more than a Map lookup.
    expect(sqlite.getSetP50Ms).toBeGreaterThan(memory.getSetP50Ms);
    expect(sqlite.getSetInTurnP50Ms).toBeGreaterThan(memory.getSetInTurnP50Ms);
  });

  it('stores a finished 10-question interview and reports its size', async () => {
    const bytes = await finishedSessionBytes(library);
    expect(Number.isInteger(bytes)).toBe(true);
    // Ten questions at about 150 words each: the answers alone are several kilobytes.
    expect(bytes).toBeGreaterThan(10 * 700);
  });
});
