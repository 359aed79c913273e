import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/runtime/index.js';

describe('rate limiter', () => {
  it('allows the limit within a window and refuses the next', () => {
    const limiter = createRateLimiter(3, 60_000);
    expect([0, 1, 2, 3].map((t) => limiter.allow('u', 1000 + t))).toEqual([true, true, true, false]);
  });

  it('allows again once the oldest event leaves the window', () => {
    const limiter = createRateLimiter(2, 60_000);
    limiter.allow('u', 0);
    limiter.allow('u', 10);
    expect(limiter.allow('u', 59_000)).toBe(false);
    expect(limiter.allow('u', 60_001)).toBe(true);
  });

  it('counts each key on its own', () => {
    const limiter = createRateLimiter(1, 60_000);
    expect(limiter.allow('a', 0)).toBe(true);
    expect(limiter.allow('b', 0)).toBe(true);
    expect(limiter.allow('a', 1)).toBe(false);
  });
});
