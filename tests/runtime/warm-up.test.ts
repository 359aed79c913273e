import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/runtime/library.js';
import { warmUp } from '../../src/runtime/warm-up.js';

describe('warmUp', () => {
  it('runs whole practice interviews, follow-ups included, through to their reports', async () => {
    const library = loadLibrary();
    const { turns, finished } = await warmUp(library, 2);
    expect(finished).toBe(2);
    // Three questions, each answered thinly first (drawing a follow-up), plus the start and a status: at least 8 each.
    expect(turns).toBeGreaterThanOrEqual(16);
  });
});
