import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/store/backend.js';
import { openRedisBackend } from '../../src/store/backend-redis.js';
import type { Coordination } from '../../src/store/coordination.js';
import { createStore } from '../../src/store/store.js';
import { cards, notes, type TestStore, uniquePrefix } from './fixtures.js';

// Two stores on one Redis under one prefix stand for two bot processes sharing it.
const REDIS_URL = 'redis://127.0.0.1:6379';
const silent = pino({ level: 'silent' });

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Options = { leaseMs?: number; wrap?: (coordination: Coordination) => Partial<Coordination> };

/** A backend on the shared Redis whose coordination `wrap` may replace in part (a frozen or slow process). */
function backendOn(prefix: string, options: Options = {}): Backend {
  const backend = openRedisBackend(REDIS_URL, { prefix, logger: silent, opTimeoutMs: 2000 });
  const coordination = backend.coordination;
  if (coordination === undefined) throw new Error('a Redis backend coordinates');
  return options.wrap === undefined
    ? backend
    : { ...backend, coordination: { ...coordination, ...options.wrap(coordination) } };
}

/** A "process": its own store and connection on the shared prefix. */
function processOn(prefix: string, options: Options = {}, waits: number[] = []): TestStore {
  const store = createStore(backendOn(prefix, options), {
    sessions: notes,
    profiles: cards,
    leaseMs: options.leaseMs ?? 5000,
    observer: { lockWait: (_collection, ms) => waits.push(ms) },
  });
  cleanups.push(async () => {
    await store.close();
  });
  return store;
}

/** A promise and the function that resolves it. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => {};
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

/** Coordination of a process frozen inside its turn: it never renews, and its save waits for `until`. */
const frozenUntil =
  (until: Promise<void>, entered: () => void) =>
  (coordination: Coordination): Partial<Coordination> => ({
    renew: async () => false,
    commit: async (...args) => {
      entered();
      await until;
      return coordination.commit(...args);
    },
  });

const append =
  (n: number) =>
  (current: { items: number[] } | undefined): { next: { items: number[] }; result: number } => ({
    next: { items: [...(current?.items ?? []), n] },
    result: current?.items.length ?? 0,
  });

describe('updates from two processes on one Redis', () => {
  it('applies 300 concurrent updates of one key, split over two processes, each exactly once', async () => {
    const prefix = uniquePrefix();
    const waits: number[] = [];
    const [a, b] = [processOn(prefix, {}, waits), processOn(prefix, {}, waits)];
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? a : b).sessions.update('solo:slack:U1', append(i))),
    );
    expect(outcomes.every((outcome) => outcome.ok)).toBe(true);
    // Each update saw a different length: none ran on a value another had not finished with.
    expect(new Set(outcomes.map((outcome) => (outcome.ok ? outcome.value : -1))).size).toBe(300);
    const stored = await a.sessions.get('solo:slack:U1');
    const items = stored.ok ? (stored.value.value?.items ?? []) : [];
    expect([...items].sort((x, y) => x - y)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    // Each process's own updates stay in the order it issued them.
    expect(items.filter((n) => n % 2 === 0)).toEqual(Array.from({ length: 150 }, (_, i) => 2 * i));
    expect(waits.some((ms) => ms > 0)).toBe(true);
  });

  it('lets the next process in at once when an update function throws', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [processOn(prefix), processOn(prefix, { leaseMs: 60_000 })];
    await expect(
      a.sessions.update('k', () => {
        throw new Error('bug in step');
      }),
    ).rejects.toThrow('bug in step');
    const started = performance.now();
    expect(await b.sessions.update('k', append(1))).toEqual({ ok: true, value: 0 });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('a lease holder frozen past its lease', () => {
  it('has its late save refused by the revision check, and the newer value stays', async () => {
    const prefix = uniquePrefix();
    const thaw = gate();
    const inside = gate();
    const frozen = processOn(prefix, { leaseMs: 150, wrap: frozenUntil(thaw.wait, inside.open) });
    const live = processOn(prefix, { leaseMs: 150 });
    await live.sessions.update('k', append(0));

    const late = frozen.sessions.update('k', append(1));
    await inside.wait; // loaded revision 1 and about to save, then frozen past its lease
    expect(await live.sessions.update('k', append(2))).toEqual({ ok: true, value: 1 });
    thaw.open();

    const refused = await late;
    expect(refused).toEqual({ ok: false, error: { code: 'conflict', message: expect.stringContaining('revision 1') } });
    const stored = await live.sessions.get('k');
    expect(stored.ok && stored.value.value).toEqual({ items: [0, 2] });
  });

  it('has its save refused when its lease was taken over, even before the new holder writes', async () => {
    const prefix = uniquePrefix();
    const thaw = gate();
    const inside = gate();
    const frozen = processOn(prefix, { leaseMs: 150, wrap: frozenUntil(thaw.wait, inside.open) });
    const holdNext = gate();
    const nextInside = gate();
    const next = processOn(prefix, { leaseMs: 5000, wrap: frozenUntil(holdNext.wait, nextInside.open) });

    const late = frozen.sessions.update('k', append(1));
    await inside.wait;
    const newer = next.sessions.update('k', append(2)); // waits for the frozen lease to run out, then takes it
    await nextInside.wait;
    thaw.open();
    expect(await late).toEqual({ ok: false, error: { code: 'conflict', message: expect.stringContaining('lease') } });
    holdNext.open();
    expect(await newer).toEqual({ ok: true, value: 0 });
  });

  it('keeps the lease of a slow but live turn by renewing it, so no one else gets in meanwhile', async () => {
    const prefix = uniquePrefix();
    const slow = gate();
    const inside = gate();
    const slowProcess = processOn(prefix, {
      leaseMs: 120,
      wrap: (coordination) => ({
        commit: async (...args) => {
          inside.open();
          await slow.wait;
          return coordination.commit(...args);
        },
      }),
    });
    const other = processOn(prefix, { leaseMs: 120 });
    const first = slowProcess.sessions.update('k', append(1));
    await inside.wait;
    const second = other.sessions.update('k', append(2));
    await sleep(500); // four leases long: without renewal the other process would have taken over
    slow.open();
    expect(await first).toEqual({ ok: true, value: 0 });
    expect(await second).toEqual({ ok: true, value: 1 });
    const stored = await other.sessions.get('k');
    expect(stored.ok && stored.value.value).toEqual({ items: [1, 2] });
  });
});

describe('the lease itself', () => {
  it('is released only by the token that took it (compare-and-delete)', async () => {
    const backend = backendOn(uniquePrefix());
    cleanups.push(() => backend.close());
    await backend.ready();
    const lease = backend.coordination as Coordination;
    expect(await lease.acquire('sessions', 'k', 'first', 50)).toEqual({ held: true, text: undefined });
    expect(await lease.acquire('sessions', 'k', 'second', 50)).toEqual({
      held: false,
      remainingMs: expect.any(Number),
    });
    await sleep(80);
    expect(await lease.acquire('sessions', 'k', 'second', 5000)).toEqual({ held: true, text: undefined });
    expect(await lease.release('sessions', 'k', 'first')).toBe(false);
    expect((await lease.acquire('sessions', 'k', 'third', 5000)).held).toBe(false);
    expect(await lease.release('sessions', 'k', 'second')).toBe(true);
    expect((await lease.acquire('sessions', 'k', 'third', 5000)).held).toBe(true);
  });

  it('answers timeout, without calling fn, when another process holds the key past the wait limit', async () => {
    const prefix = uniquePrefix();
    const backend = backendOn(prefix);
    cleanups.push(() => backend.close());
    await backend.ready();
    await backend.coordination?.acquire('sessions', 'k', 'elsewhere', 5000);
    const store = createStore(backendOn(prefix), { sessions: notes, profiles: cards, lockWaitMs: 200 });
    cleanups.push(() => store.close());
    let called = false;
    const outcome = await store.sessions.update('k', (current) => {
      called = true;
      return append(1)(current);
    });
    expect(outcome).toEqual({ ok: false, error: { code: 'timeout', message: expect.stringContaining('locked') } });
    expect(called).toBe(false);
  });
});

describe('event claims across processes', () => {
  it('gives an event id to the first claimer; the other sees it in flight, then handled', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [processOn(prefix), processOn(prefix)];
    expect(await a.claim('Ev1', 5000)).toEqual({ ok: true, value: { state: 'claimed' } });
    expect(await b.claim('Ev1', 5000)).toEqual({ ok: true, value: { state: 'in-flight' } });
    expect(await a.claim('Ev1', 5000)).toEqual({ ok: true, value: { state: 'in-flight' } });
    expect(await b.unclaim('Ev1')).toEqual({ ok: true, value: undefined }); // not b's: changes nothing
    expect(await b.claim('Ev1', 5000)).toEqual({ ok: true, value: { state: 'in-flight' } });
    expect(await a.finish('Ev1', 60_000)).toEqual({ ok: true, value: undefined });
    expect(await b.claim('Ev1', 5000)).toEqual({ ok: true, value: { state: 'handled' } });
  });

  it('passes the claim of a process silent past two leases (it died) to the next claimer', async () => {
    // Lease 10 ms: a claimer silent for 1,020 ms is taken to be dead.
    const backend = openRedisBackend(REDIS_URL, {
      prefix: uniquePrefix(),
      logger: silent,
      opTimeoutMs: 2000,
      leaseMs: 10,
    });
    cleanups.push(() => backend.close());
    await backend.ready();
    const claims = backend.coordination as Coordination;
    await claims.heartbeat('silent-one');
    expect(await claims.claim('Ev6', 'silent-one', 60_000)).toBe('claimed');
    expect(await claims.claim('Ev6', 'other', 60_000)).toBe('in-flight');
    await sleep(1100);
    await claims.heartbeat('other');
    expect(await claims.claim('Ev6', 'other', 60_000)).toBe('taken-over');
    expect(await claims.claim('Ev6', 'third', 60_000)).toBe('in-flight');
  });

  it('answers saved while a live claimer delivers replies it noted with the save', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [processOn(prefix), processOn(prefix)];
    expect(await a.claim('Ev7', 60_000)).toEqual({ ok: true, value: { state: 'claimed' } });
    await a.sessions.update('k', (current) => ({ ...append(1)(current), note: { eventId: 'Ev7', text: 'replies' } }));
    expect(await b.note('Ev7')).toEqual({ ok: true, value: { text: 'replies', posted: 0 } });
    expect(await b.claim('Ev7', 60_000)).toEqual({ ok: true, value: { state: 'saved' } });
    await a.finish('Ev7', 60_000);
    expect(await b.note('Ev7')).toEqual({ ok: true, value: undefined });
    expect(await b.claim('Ev7', 60_000)).toEqual({ ok: true, value: { state: 'handled' } });
  });

  it('lets a redelivery through when the claimer gave up or died (its claim lapsed)', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [processOn(prefix), processOn(prefix)];
    expect(await a.claim('Ev2', 5000)).toEqual({ ok: true, value: { state: 'claimed' } });
    await a.unclaim('Ev2');
    expect(await b.claim('Ev2', 100)).toEqual({ ok: true, value: { state: 'claimed' } });
    await sleep(150); // b "died" without finishing
    expect(await a.claim('Ev2', 5000)).toEqual({ ok: true, value: { state: 'claimed' } });
  });

  it('gives exactly one of many simultaneous claimers the event', async () => {
    const prefix = uniquePrefix();
    const stores = [processOn(prefix), processOn(prefix), processOn(prefix)];
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => stores[i % 3]?.claim('Ev3', 5000) ?? Promise.reject()),
    );
    expect(outcomes.filter((o) => o.ok && o.value.state === 'claimed')).toHaveLength(1);
  });

  it('answers unavailable, never "claimed", when Redis does not answer', async () => {
    const store = createStore(openRedisBackend('redis://127.0.0.1:6390', { logger: silent, opTimeoutMs: 500 }), {
      sessions: notes,
      profiles: cards,
    });
    cleanups.push(() => store.close());
    const outcome = await store.claim('Ev4', 5000);
    expect(outcome.ok).toBe(false);
  });
});

describe('a claim that enters the session it is for', () => {
  it('claims, takes the lease and loads in one script, and its update saves with no lease call of its own', async () => {
    const prefix = uniquePrefix();
    const calls: string[] = [];
    const counted = (coordination: Coordination): Partial<Coordination> => ({
      acquire: (...args) => {
        calls.push('acquire');
        return coordination.acquire(...args);
      },
      claimEntering: (...args) => {
        calls.push('claimEntering');
        return coordination.claimEntering(...args);
      },
    });
    const [a, b] = [processOn(prefix, { wrap: counted }), processOn(prefix)];
    await a.sessions.update('k', append(0));
    calls.length = 0;
    const claim = await a.claim('Ev-enter', 60_000, { enter: 'k' });
    expect(claim.ok && claim.value.state).toBe('claimed');
    expect(claim.ok && claim.value.held?.key).toBe('k');
    // Another process waits for the lease the claim took.
    const other = b.sessions.update('k', append(2));
    await sleep(100);
    expect(await a.sessions.update('k', append(1))).toEqual({ ok: true, value: 1 });
    expect(await other).toEqual({ ok: true, value: 2 });
    expect(calls).toEqual(['claimEntering']);
    const stored = await a.sessions.get('k');
    expect(stored.ok && stored.value.value).toEqual({ items: [0, 1, 2] });
  });

  it('holds nothing when the claim is not granted or the lease is busy, and lets an unused section go', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [processOn(prefix), processOn(prefix)];
    const first = await a.claim('Ev-busy', 60_000, { enter: 'k' });
    expect(first.ok && first.value.state).toBe('claimed');
    const duplicate = await b.claim('Ev-busy', 60_000, { enter: 'k' });
    expect(duplicate).toEqual({ ok: true, value: { state: 'in-flight' } });
    const busy = await b.claim('Ev-other', 60_000, { enter: 'k' });
    expect(busy).toEqual({ ok: true, value: { state: 'claimed' } }); // claimed, but the lease is a's
    const held = first.ok ? first.value.held : undefined;
    expect(held?.key).toBe('k');
    held?.release();
    const started = performance.now();
    expect(await b.sessions.update('k', append(1))).toEqual({ ok: true, value: 0 });
    expect(performance.now() - started).toBeLessThan(1000);
    // Released, the section is gone: the next update enters the key as usual.
    expect(await a.sessions.update('k', append(2))).toEqual({ ok: true, value: 1 });
  });
});

describe('the rate limit counted with claims', () => {
  it('is one window for every process on the Redis, counting granted claims only', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [processOn(prefix), processOn(prefix)];
    const rate = { key: 'slack:U9', limit: 3, windowMs: 60_000, now: 1_000_000 };
    const states = [];
    for (const [i, store] of [a, b, a].entries()) {
      const claim = await store.claim(`Ev-rate-${i}`, 60_000, { rate });
      states.push(claim.ok && claim.value.state);
    }
    // A duplicate of a counted event does not count again.
    const again = await b.claim('Ev-rate-0', 60_000, { rate });
    states.push(again.ok && again.value.state);
    const over = await b.claim('Ev-rate-3', 60_000, { rate });
    states.push(over.ok && over.value.state);
    const later = await a.claim('Ev-rate-4', 60_000, { rate: { ...rate, now: rate.now + 60_000 } });
    states.push(later.ok && later.value.state);
    expect(states).toEqual(['claimed', 'claimed', 'claimed', 'in-flight', 'limited', 'claimed']);
  });

  it('counts events that are not claimed in the same window, each event once (panels)', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [processOn(prefix), processOn(prefix)];
    const rate = { key: 'slack:U8', limit: 2, windowMs: 60_000, now: 1_000_000 };
    const answers = [
      await a.allow('Ev-count-0', rate),
      await b.allow('Ev-count-0', rate),
      await b.allow('Ev-count-1', rate),
      await a.allow('Ev-count-2', rate),
      // A redelivery of a refused event is refused again, and counts nothing either.
      await b.allow('Ev-count-2', rate),
      await a.allow('Ev-count-3', { ...rate, now: rate.now + 60_000 }),
    ];
    expect(answers.map((answer) => answer.ok && answer.value)).toEqual([true, true, true, false, false, true]);
  });
});

describe('delivery progress on a note', () => {
  it('only grows, and goes with the note once the event is handled', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [processOn(prefix), processOn(prefix)];
    await a.claim('Ev-progress', 60_000);
    await a.sessions.update('k', (current) => ({
      ...append(1)(current),
      note: { eventId: 'Ev-progress', text: 'replies' },
    }));
    await a.progress('Ev-progress', 2);
    await b.progress('Ev-progress', 1);
    expect(await b.note('Ev-progress')).toEqual({ ok: true, value: { text: 'replies', posted: 2 } });
    await a.finish('Ev-progress', 60_000);
    await b.progress('Ev-progress', 3);
    expect(await b.note('Ev-progress')).toEqual({ ok: true, value: undefined });
  });

  it('marks the event before it handled with the save that applies the next one', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [processOn(prefix), processOn(prefix)];
    await a.claim('Ev-first', 60_000);
    await a.sessions.update('k', (current) => ({ ...append(1)(current), note: { eventId: 'Ev-first', text: 'r1' } }));
    expect(await b.claim('Ev-first', 60_000)).toEqual({ ok: true, value: { state: 'saved' } });
    await a.sessions.update('k', (current) => ({
      ...append(2)(current),
      handled: { eventId: 'Ev-first', ttlMs: 60_000 },
    }));
    expect(await b.claim('Ev-first', 60_000)).toEqual({ ok: true, value: { state: 'handled' } });
    expect(await b.note('Ev-first')).toEqual({ ok: true, value: undefined });
  });
});
