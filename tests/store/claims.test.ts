import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { openMemoryBackend } from '../../src/store/backend.js';
import { createLocalClaims } from '../../src/store/claims.js';
import { createStore } from '../../src/store/store.js';
import { cards, notes } from './fixtures.js';

describe('event claims in one process (memory and SQLite stores)', () => {
  it('answers claimed, then in-flight, then handled once finished', async () => {
    const store = createStore(openMemoryBackend({ logger: pino({ level: 'silent' }), opTimeoutMs: 1000 }), {
      sessions: notes,
      profiles: cards,
    });
    expect(await store.claim('Ev1', 1000)).toEqual({ ok: true, value: 'claimed' });
    expect(await store.claim('Ev1', 1000)).toEqual({ ok: true, value: 'in-flight' });
    await store.finish('Ev1', 1000);
    expect(await store.claim('Ev1', 1000)).toEqual({ ok: true, value: 'handled' });
    expect(await store.claim('Ev2', 1000)).toEqual({ ok: true, value: 'claimed' });
    await store.unclaim('Ev2');
    expect(await store.claim('Ev2', 1000)).toEqual({ ok: true, value: 'claimed' });
    await store.close();
    expect((await store.claim('Ev3', 1000)).ok).toBe(false);
  });

  it('lets a claim lapse after its time to live, and only its holder give it up', async () => {
    const clock = { now: 0 };
    const claims = createLocalClaims(() => clock.now);
    expect(await claims.claim('Ev', 'a', 100)).toBe('claimed');
    await claims.unclaim('Ev', 'b');
    expect(await claims.claim('Ev', 'b', 100)).toBe('in-flight');
    clock.now = 100;
    expect(await claims.claim('Ev', 'b', 100)).toBe('claimed');
    await claims.finish('Ev', 50);
    clock.now = 149;
    expect(await claims.claim('Ev', 'c', 100)).toBe('handled');
    clock.now = 150;
    expect(await claims.claim('Ev', 'c', 100)).toBe('claimed');
  });
});
