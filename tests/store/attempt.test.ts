import { describe, expect, it } from 'vitest';
import { attempt } from '../../src/store/attempt.js';

describe('attempt', () => {
  it('resolves to the value of a call that answers', async () => {
    expect(await attempt('sessions get', 1000, async () => 'text')).toEqual({ ok: true, value: 'text' });
  });

  it('turns a throw into unavailable, naming the operation and the cause on one line', async () => {
    const outcome = await attempt('sessions get', 1000, async () => {
      throw new Error('SQLITE_CANTOPEN:\nunable to open');
    });
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'sessions get: SQLITE_CANTOPEN: unable to open' },
    });
  });

  it('turns a call that never answers into timeout', async () => {
    expect(await attempt('sessions set', 10, () => new Promise(() => {}))).toEqual({
      ok: false,
      error: { code: 'timeout', message: 'sessions set: no answer within 10 ms' },
    });
  });
});
