import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import type { Profile, Session } from '../../src/engine/index.js';
import { createMetrics, createRuntime, openInterviewStore, type Runtime, startOps } from '../../src/runtime/index.js';
import type { Store } from '../../src/store/index.js';
import { uniquePrefix } from '../store/fixtures.js';
import { answerEvent, inbound, library, silent, startEvent, story } from './helpers.js';

// Runtimes on stores sharing one Redis prefix stand for bot processes sharing it.
const REDIS_URL = 'redis://127.0.0.1:6379';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function storeOn(prefix: string, url = REDIS_URL): Store<Session, Profile> {
  const store = openInterviewStore({
    url,
    prefix,
    logger: silent,
    leaseMs: 1000,
    opTimeoutMs: 1000,
  });
  cleanups.push(() => store.close());
  return store;
}

const clock = { now: 1_700_000_000_000 };
function processOn(store: Store<Session, Profile>, options: { ttlMs?: number; rate?: number } = {}) {
  const metrics = createMetrics();
  const runtime: Runtime = createRuntime({
    store,
    library,
    logger: silent,
    metrics,
    clock: () => clock.now,
    sessionTtlMs: options.ttlMs ?? 7 * 24 * 3_600_000,
    rateLimitPerMinute: options.rate ?? 1000,
    claimWaitMs: 2000,
  });
  return { runtime, metrics };
}

describe('one event delivered to several processes', () => {
  it('is answered by exactly one of them and stored once', async () => {
    const prefix = uniquePrefix();
    const [a, b, c] = [storeOn(prefix), storeOn(prefix), storeOn(prefix)];
    const processes = [processOn(a), processOn(b), processOn(c)];
    await processes[0]?.runtime.handle(inbound('dup', startEvent()));
    const event = inbound('dup', answerEvent(story), 'Ev-dup-1');
    const results = await Promise.all(processes.map(({ runtime }) => runtime.handle(event)));
    expect(results.filter((replies) => replies.length > 0)).toHaveLength(1);
    const stored = await a.sessions.get('solo:terminal:dup');
    expect(stored.ok && stored.value.value?.answers.map((answer) => answer.parts.length)).toEqual([1]);
    const drops = await Promise.all(
      processes.map(
        async ({ metrics }) => await metrics.registry.getSingleMetricAsString('interview_dedupe_drops_total'),
      ),
    );
    expect(drops.join('\n')).toMatch(/interview_dedupe_drops_total\{adapter="terminal"\} 1/);
  });

  it('is handled by another process when the one that claimed it stopped before saving', async () => {
    const prefix = uniquePrefix();
    const dead = storeOn(prefix);
    const live = storeOn(prefix);
    const { runtime } = processOn(live);
    await runtime.handle(inbound('redelivered', startEvent()));
    expect(await dead.claim('Ev-lost-1', 60_000)).toEqual({ ok: true, value: { state: 'claimed' } });
    const waiting = runtime.handle(inbound('redelivered', answerEvent(story), 'Ev-lost-1'));
    await sleep(100);
    await dead.close(); // its heartbeat goes: its claims pass on
    expect((await waiting).length).toBeGreaterThan(0);
    const stored = await live.sessions.get('solo:terminal:redelivered');
    expect(stored.ok && stored.value.value?.answers).toHaveLength(1);
  });

  it('posts the saved replies again when the process that applied it died before delivering them', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [storeOn(prefix), storeOn(prefix)];
    const [first, second] = [processOn(a), processOn(b)];
    await first.runtime.handle(inbound('outbox', startEvent()));
    const event = inbound('outbox', answerEvent(story), 'Ev-outbox-1');
    const replies = await first.runtime.handle(event);
    expect(replies.length).toBeGreaterThan(0);
    await a.close(); // died before posting them
    expect(await second.runtime.handle(event)).toEqual(replies);
    expect(await second.runtime.handle(event)).toEqual([]); // and only once
    const stored = await b.sessions.get('solo:terminal:outbox');
    expect(stored.ok && stored.value.value?.answers).toHaveLength(1);
  });

  it('hands the process taking over only how far the one that died had posted, and records its own progress', async () => {
    const prefix = uniquePrefix();
    const [a, b, c] = [storeOn(prefix), storeOn(prefix), storeOn(prefix)];
    const [first, second, third] = [processOn(a), processOn(b), processOn(c)];
    await first.runtime.handle(inbound('partial', startEvent()));
    // Answer until a turn ends the question: its feedback and the next question are two replies.
    let event = inbound('partial', answerEvent(story), 'Ev-partial-0');
    let turn = await first.runtime.turn(event);
    for (let n = 1; n < 4 && turn.replies.length < 2; n++) {
      await first.runtime.delivered(event);
      event = inbound('partial', answerEvent(story), `Ev-partial-${n}`);
      turn = await first.runtime.turn(event);
    }
    expect(turn.replies.map((reply) => reply.type)).toEqual(['feedback', 'question']);
    await first.runtime.delivered(event, { posted: 1 }); // the feedback went out, then the process died
    await a.close();
    expect(await second.runtime.turn(event)).toEqual({ replies: turn.replies, posted: 1 });
    await second.runtime.delivered(event, { posted: 2 });
    await b.close(); // died after posting the question too, before saying all was delivered
    expect(await third.runtime.turn(event)).toEqual({ replies: turn.replies, posted: 2 });
    await third.runtime.delivered(event);
    expect(await third.runtime.turn(event)).toEqual({ replies: [], posted: 0 });
  });

  it('drops a redelivery once the replies were confirmed delivered, even if that process died after', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [storeOn(prefix), storeOn(prefix)];
    const [first, second] = [processOn(a), processOn(b)];
    await first.runtime.handle(inbound('confirmed', startEvent()));
    const event = inbound('confirmed', answerEvent(story), 'Ev-confirmed-1');
    expect((await first.runtime.handle(event)).length).toBeGreaterThan(0);
    // A duplicate while the replies are being delivered is dropped at once.
    expect(await second.runtime.handle(event)).toEqual([]);
    await first.runtime.delivered(event);
    await a.close();
    expect(await second.runtime.handle(event)).toEqual([]);
  });

  it('is never applied later once the user was told it was not saved', async () => {
    const prefix = uniquePrefix();
    const store = storeOn(prefix);
    const { runtime } = processOn(store);
    await runtime.handle(inbound('told', startEvent()));
    const down = { ok: false as const, error: { code: 'unavailable' as const, message: 'down' } };
    const failing = { ...store, sessions: { ...store.sessions, update: async () => down } };
    const broken = createRuntime({
      store: failing,
      library,
      logger: silent,
      sessionTtlMs: 1e9,
      rateLimitPerMinute: 100,
      verifyWithinMs: 0,
    });
    const event = inbound('told', answerEvent(story), 'Ev-told-1');
    expect(await broken.handle(event)).toEqual([expect.objectContaining({ code: 'not-saved' })]);
    await sleep(50); // marked handled as soon as the store answers
    expect(await runtime.handle(event)).toEqual([]);
    const stored = await store.sessions.get('solo:terminal:told');
    expect(stored.ok && stored.value.value?.answers).toHaveLength(0);
  });
});

describe('the rate limit on several processes', () => {
  it('counts a user once across every process on the Redis', async () => {
    const prefix = uniquePrefix();
    const [a, b] = [storeOn(prefix), storeOn(prefix)];
    const processes = [processOn(a, { rate: 3 }), processOn(b, { rate: 3 })];
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      const replies = await processes[i % 2]?.runtime.handle(inbound('busy', { type: 'history' }, `Ev-busy-${i}`));
      outcomes.push(replies?.[0]?.type === 'error' ? replies[0].code : replies?.[0]?.type);
    }
    expect(outcomes).toEqual(['history', 'history', 'history', 'rate-limited']);
    // Another user is not limited, and the limited event is handled: a redelivery stays silent.
    expect((await processes[1]?.runtime.handle(inbound('calm', { type: 'history' })))?.[0]?.type).toBe('history');
    expect(await processes[0]?.runtime.handle(inbound('busy', { type: 'history' }, 'Ev-busy-3'))).toEqual([]);
  });
});

describe('draining for shutdown', () => {
  it('finishes the turns under way, then answers new events politely without touching the store', async () => {
    const store = storeOn(uniquePrefix());
    const { runtime } = processOn(store);
    const under = runtime.handle(inbound('drain', startEvent()));
    const drained = runtime.drain();
    const late = await runtime.handle(inbound('drain-late', startEvent()));
    expect(late).toEqual([
      expect.objectContaining({ type: 'error', code: 'not-saved', text: expect.stringContaining('restarting') }),
    ]);
    await drained;
    expect((await under).at(-1)).toEqual(expect.objectContaining({ type: 'question' }));
    const untouched = await store.sessions.get('solo:terminal:drain-late');
    expect(untouched.ok && untouched.value.value).toBeUndefined();
  });
});

describe('idle-session sweep on several processes', () => {
  it('files each idle session once, whichever processes sweep at the same time', async () => {
    const prefix = uniquePrefix();
    const stores = [storeOn(prefix), storeOn(prefix), storeOn(prefix)];
    const processes = stores.map((store) => processOn(store, { ttlMs: 60_000 }));
    for (const user of ['s1', 's2', 's3']) await processes[0]?.runtime.handle(inbound(user, startEvent()));
    clock.now += 120_000;
    const filed = await Promise.all(processes.map(({ runtime }) => runtime.sweep()));
    expect(filed.reduce((a, b) => a + b, 0)).toBe(3);
    for (const user of ['s1', 's2', 's3']) {
      const profile = await stores[1]?.profiles.get(`terminal:${user}`);
      expect(profile?.ok && profile.value.value?.history.map((entry) => entry.outcome)).toEqual(['expired']);
      const session = await stores[2]?.sessions.get(`solo:terminal:${user}`);
      expect(session?.ok && session.value.value).toBeUndefined();
    }
  });

  it('keeps the new interview a user started between the scan and the filing', async () => {
    const prefix = uniquePrefix();
    const store = storeOn(prefix);
    const { runtime } = processOn(store, { ttlMs: 60_000 });
    await runtime.handle(inbound('late', startEvent()));
    const before = await store.sessions.get('solo:terminal:late');
    clock.now += 120_000;
    // The user comes back while the sweep is filing the old interview, just before the sweep removes it.
    const original = store.sessions.update.bind(store.sessions);
    let cameBack = false;
    store.sessions.update = (async (key, fn) => {
      if (!cameBack) {
        cameBack = true;
        await runtime.handle(inbound('late', startEvent()));
      }
      return original(key, fn);
    }) as typeof store.sessions.update;
    await runtime.sweep();
    store.sessions.update = original;
    const after = await store.sessions.get('solo:terminal:late');
    expect(after.ok && after.value.value?.state.phase).toBe('asking');
    expect(after.ok && before.ok && after.value.value?.id !== before.value.value?.id).toBe(true);
    const profile = await store.profiles.get('terminal:late');
    expect(profile.ok && profile.value.value?.history).toHaveLength(1);
  });
});

describe('the operations endpoint', () => {
  it('serves /healthz and Prometheus /metrics, and turns unhealthy while draining', async () => {
    const store = storeOn(uniquePrefix());
    const { runtime, metrics } = processOn(store);
    await runtime.handle(inbound('ops', startEvent()));
    const ops = await startOps({
      port: 0,
      host: '127.0.0.1',
      registry: metrics.registry,
      ping: () => store.ping(),
      logger: silent,
    });
    cleanups.push(() => ops.close());
    const base = `http://127.0.0.1:${ops.port}`;
    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok\n']);
    const scraped = await fetch(`${base}/metrics`);
    expect(scraped.headers.get('content-type')).toContain('text/plain');
    const text = await scraped.text();
    expect(text).toMatch(/interview_turns_total\{adapter="terminal",outcome="ok"\} 1/);
    expect(text).toMatch(/interview_turn_duration_seconds_bucket\{le="0.02",adapter="terminal"\}/);
    expect(text).toContain('process_cpu_seconds_total');
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
    ops.markDraining();
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
  });

  it('answers 503 when the store is unreachable', async () => {
    const store = storeOn(uniquePrefix(), 'redis://127.0.0.1:6390');
    const ops = await startOps({
      port: 0,
      host: '127.0.0.1',
      registry: createMetrics().registry,
      ping: () => store.ping(),
      logger: silent,
    });
    cleanups.push(() => ops.close());
    const health = await fetch(`http://127.0.0.1:${ops.port}/healthz`);
    expect([health.status, await health.text()]).toEqual([503, 'store unreachable\n']);
  });
});

describe('scale-out configuration', () => {
  it('reads OPS_PORT, STORE_LEASE_MS, DISCORD_SHARDS and the intervals, with defaults', () => {
    const defaults = parseConfig({});
    expect(
      defaults.ok && [defaults.value.OPS_PORT, defaults.value.STORE_LEASE_MS, defaults.value.DISCORD_SHARDS],
    ).toEqual([undefined, 5000, undefined]);
    const set = parseConfig({
      OPS_PORT: '9100',
      STORE_LEASE_MS: '2000',
      STORE_URL: 'redis://127.0.0.1:6379',
      DISCORD_SHARDS: 'auto',
      SWEEP_INTERVAL_MINUTES: '5',
    });
    expect(
      set.ok && [
        set.value.OPS_PORT,
        set.value.STORE_LEASE_MS,
        set.value.DISCORD_SHARDS,
        set.value.SWEEP_INTERVAL_MINUTES,
      ],
    ).toEqual([9100, 2000, 'auto', 5]);
    const bad = parseConfig({ OPS_PORT: 'x', DISCORD_SHARDS: 'many', STORE_LEASE_MS: '5' });
    expect(bad.ok ? [] : bad.errors.map((line) => line.split(':')[0])).toEqual([
      'OPS_PORT',
      'STORE_LEASE_MS',
      'DISCORD_SHARDS',
    ]);
  });

  it('refuses shards on a store that only one process can use', () => {
    const discord = {
      DISCORD_TOKEN: 'x'.repeat(70),
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_SHARDS: '2',
    };
    for (const STORE_URL of [undefined, 'sqlite://data/x.sqlite', 'memory://']) {
      const parsed = parseConfig({ ...discord, ...(STORE_URL === undefined ? {} : { STORE_URL }) });
      expect(parsed.ok ? [] : parsed.errors).toEqual([
        'DISCORD_SHARDS: runs one process per shard, which must share one store: set STORE_URL=redis://<host>:<port>',
      ]);
    }
    expect(parseConfig({ ...discord, STORE_URL: 'rediss://cache.example:6380' }).ok).toBe(true);
    // Without Discord there are no shards to run.
    expect(parseConfig({ DISCORD_SHARDS: '2' }).ok).toBe(true);
  });
});
