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
    expect(await store.claim('Ev1', 1000)).toEqual({ ok: true, value: { state: 'claimed' } });
    expect(await store.claim('Ev1', 1000)).toEqual({ ok: true, value: { state: 'in-flight' } });
    await store.finish('Ev1', 1000);
    expect(await store.claim('Ev1', 1000)).toEqual({ ok: true, value: { state: 'handled' } });
    expect(await store.claim('Ev2', 1000)).toEqual({ ok: true, value: { state: 'claimed' } });
    await store.unclaim('Ev2');
    expect(await store.claim('Ev2', 1000)).toEqual({ ok: true, value: { state: 'claimed' } });
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

describe('what a claim does besides claiming, in one process', () => {
  const open = () =>
    createStore(openMemoryBackend({ logger: pino({ level: 'silent' }), opTimeoutMs: 1000 }), {
      sessions: notes,
      profiles: cards,
      lockWaitMs: 300,
    });

  it('counts the rate limit in memory: granted claims only, in a sliding window', async () => {
    const store = open();
    const rate = { key: 'terminal:u', limit: 2, windowMs: 1000, now: 5000 };
    const states = [];
    for (const id of ['E1', 'E1', 'E2', 'E3']) {
      const claim = await store.claim(id, 60_000, { rate });
      states.push(claim.ok && claim.value.state);
    }
    const later = await store.claim('E4', 60_000, { rate: { ...rate, now: 6000 } });
    expect([...states, later.ok && later.value.state]).toEqual([
      'claimed',
      'in-flight',
      'claimed',
      'limited',
      'claimed',
    ]);
    await store.close();
  });

  it('counts events that are not claimed in the same window, each event once', async () => {
    const store = open();
    const rate = { key: 'terminal:v', limit: 2, windowMs: 1000, now: 5000 };
    const answers = [];
    for (const id of ['C1', 'C1', 'C2', 'C3', 'C3']) answers.push(await store.allow(id, rate));
    answers.push(await store.allow('C4', { ...rate, now: 6000 }));
    expect(answers.map((answer) => answer.ok && answer.value)).toEqual([true, true, true, false, false, true]);
    await store.close();
  });

  it('enters the session for the next update of the key, and runs nothing else on the key until then', async () => {
    const store = open();
    const claim = await store.claim('E5', 60_000, { enter: 'k' });
    expect(claim.ok && claim.value.held?.key).toBe('k');
    const read = store.sessions.get('k');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await store.sessions.update('k', () => ({ next: { items: [1] }, result: 'saved' }))).toEqual({
      ok: true,
      value: 'saved',
    });
    // The read waited for the update the claim entered the key for.
    expect(await read).toEqual({ ok: true, value: { value: { items: [1] }, quarantined: false } });
    await store.close();
  });

  it('lets the key go when a held section is released, or at the latest after the lock wait', async () => {
    const store = open();
    const released = await store.claim('E6', 60_000, { enter: 'k' });
    if (released.ok) released.value.held?.release();
    let started = performance.now();
    expect((await store.sessions.get('k')).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(100);
    await store.claim('E7', 60_000, { enter: 'k' }); // held and never used
    started = performance.now();
    expect((await store.sessions.get('k')).ok).toBe(true);
    expect(performance.now() - started).toBeGreaterThan(250);
    await store.close();
  });

  it('keeps the progress of a note, only ever raised, until the event is handled', async () => {
    const store = open();
    await store.claim('E8', 60_000);
    await store.sessions.update('k', () => ({ next: { items: [1] }, result: 0, note: { eventId: 'E8', text: 'r' } }));
    await store.progress('E8', 2);
    await store.progress('E8', 1);
    expect(await store.note('E8')).toEqual({ ok: true, value: { text: 'r', posted: 2 } });
    expect(await store.claim('E8', 60_000)).toEqual({ ok: true, value: { state: 'saved' } });
    await store.finish('E8', 60_000);
    await store.progress('E8', 3);
    expect(await store.note('E8')).toEqual({ ok: true, value: undefined });
    await store.close();
  });
});
