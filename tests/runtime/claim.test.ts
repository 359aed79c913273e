import { describe, expect, it } from 'vitest';
import { claimEvent } from '../../src/runtime/claim.js';
import type { Claim, StoreResult } from '../../src/store/index.js';

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('claiming an event before its turn', () => {
  it('leaves no timer behind once the store has answered', async () => {
    const store = { claim: async (): Promise<StoreResult<Claim>> => ({ ok: true, value: { state: 'claimed' } }) };
    const before = timers();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => claimEvent(store, `Ev${i}`, 60_000, 1_000, 2_000)),
    );
    expect(outcomes.map((outcome) => outcome.claim)).toEqual(Array(20).fill('claimed'));
    expect(timers()).toBe(before);
  });

  it('still gives up on a store that does not answer, after the wait for it', async () => {
    const store = { claim: () => new Promise<StoreResult<Claim>>(() => {}) };
    const started = performance.now();
    const outcome = await claimEvent(store, 'EvSilent', 60_000, 1_000, 300);
    expect(outcome.claim).toBe('unavailable');
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });
});
