import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteBackend } from '../../src/store/backend-sqlite.js';
import { answerEvent, inbound, openTestStore, runtimeOn, silent, startEvent, story, tempDir } from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());
let files = 0;
const sqliteUrl = () => `sqlite://${join(temp.dir, `r${++files}.sqlite`)}`;

/** The outcomes in a terminal user's history, oldest first; undefined without a profile. */
async function outcomes(store: ReturnType<typeof openTestStore>, user: string) {
  const profile = await store.profiles.get(`terminal:${user}`);
  return profile.ok ? profile.value.value?.history.map((e) => e.outcome) : undefined;
}

/** Answers until the interview finishes (bounded). */
async function finishInterview(runtime: ReturnType<typeof runtimeOn>['runtime'], user: string) {
  for (let i = 0; i < 12; i++) {
    const replies = await runtime.handle(inbound(user, answerEvent(story)));
    if (replies.some((r) => r.type === 'report')) return replies;
  }
  throw new Error('the interview did not finish');
}

describe('save before send', () => {
  it('answers "not saved" when the store is down, and never pretends otherwise', async () => {
    const store = openTestStore('redis://127.0.0.1:6390');
    const { runtime } = runtimeOn(store);
    const replies = await runtime.handle(inbound('down', startEvent()));
    expect(replies).toEqual([expect.objectContaining({ type: 'error', code: 'not-saved' })]);
    await store.close();
  });

  it('returns replies only once the session they reflect is stored', async () => {
    const store = openTestStore(sqliteUrl());
    const { runtime } = runtimeOn(store);
    const replies = await runtime.handle(inbound('saved', startEvent()));
    expect(replies.at(-1)).toEqual(expect.objectContaining({ type: 'question', index: 1 }));
    const stored = await store.sessions.get('solo:terminal:saved');
    expect(stored.ok && stored.value.value?.state.phase).toBe('asking');
    await store.close();
  });
});

describe('replayed events', () => {
  it('changes nothing and replies nothing for an event id seen before', async () => {
    const store = openTestStore(sqliteUrl());
    const { runtime } = runtimeOn(store);
    await runtime.handle(inbound('replay', startEvent()));
    const event = inbound('replay', answerEvent(story), 'slack-Ev123');
    const first = await runtime.handle(event);
    const again = await runtime.handle(event);
    expect(first.length).toBeGreaterThan(0);
    expect(again).toEqual([]);
    const stored = await store.sessions.get('solo:terminal:replay');
    expect(stored.ok && stored.value.value?.answers.length).toBe(1);
    await store.close();
  });

  it('records one answer when the same event arrives three times at once', async () => {
    const store = openTestStore(sqliteUrl());
    const { runtime } = runtimeOn(store);
    await runtime.handle(inbound('burst', startEvent()));
    const event = inbound('burst', answerEvent(story), 'slack-Ev777');
    const results = await Promise.all([runtime.handle(event), runtime.handle(event), runtime.handle(event)]);
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);
    const stored = await store.sessions.get('solo:terminal:burst');
    expect(stored.ok && stored.value.value?.answers.map((a) => a.parts.length)).toEqual([1]);
    await store.close();
  });
});

describe('concurrent users', () => {
  it('keeps two users apart and loses nothing from quick successive answers', async () => {
    const store = openTestStore(sqliteUrl());
    const { runtime } = runtimeOn(store);
    await Promise.all([runtime.handle(inbound('ann', startEvent())), runtime.handle(inbound('bob', startEvent()))]);
    await Promise.all([
      runtime.handle(inbound('ann', answerEvent('ann one'))),
      runtime.handle(inbound('ann', answerEvent('ann two'))),
      runtime.handle(inbound('bob', answerEvent('bob one'))),
    ]);
    const ann = await store.sessions.get('solo:terminal:ann');
    const bob = await store.sessions.get('solo:terminal:bob');
    const parts = (r: typeof ann) => (r.ok ? r.value.value?.answers.flatMap((a) => a.parts) : undefined);
    expect(parts(ann)).toEqual(['ann one', 'ann two']);
    expect(parts(bob)).toEqual(['bob one']);
    await store.close();
  });
});

describe('rate limit', () => {
  it('answers politely past the limit without touching the session', async () => {
    const store = openTestStore('memory://');
    const { runtime } = runtimeOn(store, { rate: 3 });
    for (let i = 0; i < 3; i++) await runtime.handle(inbound('fast', { type: 'command', command: { name: 'status' } }));
    const replies = await runtime.handle(inbound('fast', startEvent()));
    expect(replies).toEqual([expect.objectContaining({ type: 'error', code: 'rate-limited' })]);
    const stored = await store.sessions.get('solo:terminal:fast');
    expect(stored.ok && stored.value.value).toBeUndefined();
    await store.close();
  });
});

describe('finished interviews and the profile', () => {
  it('folds a finished interview into the history and drills its missed concepts next time', async () => {
    const store = openTestStore(sqliteUrl());
    const { runtime } = runtimeOn(store);
    await runtime.handle(inbound('hist', startEvent()));
    await finishInterview(runtime, 'hist');
    const history = await runtime.handle(inbound('hist', { type: 'history' }));
    expect(history[0]).toEqual(expect.objectContaining({ type: 'history' }));
    if (history[0]?.type !== 'history') return;
    expect(history[0].entries).toEqual([expect.objectContaining({ outcome: 'completed', score: expect.any(Number) })]);
    const stored = await store.sessions.get('solo:terminal:hist');
    expect(stored.ok && stored.value.value?.archived).toBe(true);

    const drill = await runtime.handle(inbound('hist', startEvent({ focus: 'weakest' })));
    const weakest = history[0].trend.find((t) => t.missed > 0);
    if (weakest === undefined) {
      expect(drill[0]).toEqual(expect.objectContaining({ text: expect.stringMatching(/nothing to drill/) }));
    } else {
      expect(drill[0]).toEqual(expect.objectContaining({ text: expect.stringContaining(weakest.label) }));
    }
    await store.close();
  });
});

/** A store whose profiles cannot be written while `down.value` is true. */
function profilesDown(store: ReturnType<typeof openTestStore>) {
  const down = { value: false };
  const profiles = new Proxy(store.profiles, {
    get(target, name) {
      if (name === 'update' && down.value)
        return async () => ({ ok: false, error: { code: 'unavailable', message: 'profiles down' } });
      const value = Reflect.get(target, name, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const flaky = new Proxy(store, {
    get(target, name) {
      if (name === 'profiles') return profiles;
      const value = Reflect.get(target, name, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { flaky, down };
}

describe('an interview that could not be filed', () => {
  it('is filed before anything replaces it, once the profile can be written again', async () => {
    const store = openTestStore(sqliteUrl());
    // The finishing answer is saved, its filing is not.
    const { flaky, down } = profilesDown(store);
    const { runtime } = runtimeOn(flaky);
    await runtime.handle(inbound('unfiled', startEvent()));
    down.value = true;
    const finished = await finishInterview(runtime, 'unfiled');
    expect(finished.at(-1)).toEqual(expect.objectContaining({ text: expect.stringMatching(/history yet/) }));
    down.value = false;
    // The next thing the candidate does is start again: the finished interview must reach the history first.
    const replies = await runtime.handle(inbound('unfiled', startEvent()));
    expect(replies.at(-1)).toEqual(expect.objectContaining({ type: 'question', index: 1 }));
    expect(await outcomes(store, 'unfiled')).toEqual(['completed']);
    await store.close();
  });

  it('is filed by a sweep when its candidate does not come back', async () => {
    const store = openTestStore(sqliteUrl());
    const { flaky, down } = profilesDown(store);
    const { runtime, clock } = runtimeOn(flaky);
    await runtime.handle(inbound('gone', startEvent()));
    down.value = true;
    await finishInterview(runtime, 'gone');
    down.value = false;
    // Within the grace its own turn may still be filing it; past it, the sweep files it and leaves the session be.
    expect(await runtime.sweep()).toBe(0);
    clock.now += 61_000;
    expect(await runtime.sweep()).toBe(1);
    expect(await runtime.sweep()).toBe(0);
    expect(await outcomes(store, 'gone')).toEqual(['completed']);
    const session = await store.sessions.get('solo:terminal:gone');
    expect(session.ok && session.value.value).toEqual(
      expect.objectContaining({ archived: true, state: expect.objectContaining({ phase: 'finished' }) }),
    );
    await store.close();
  });
});

describe('forget', () => {
  it('asks for confirmation, then removes the session and the history', async () => {
    const store = openTestStore(sqliteUrl());
    const { runtime } = runtimeOn(store);
    await runtime.handle(inbound('gone', startEvent()));
    await finishInterview(runtime, 'gone');
    await runtime.handle(inbound('gone', startEvent()));
    expect(await runtime.handle(inbound('gone', { type: 'forget', confirmed: false }))).toEqual([
      { type: 'confirm-forget' },
    ]);
    const removed = await runtime.handle(inbound('gone', { type: 'forget', confirmed: true }));
    expect(removed).toEqual([
      { type: 'forgotten', keys: expect.arrayContaining(['sessions:solo:terminal:gone', 'profiles:terminal:gone']) },
    ]);
    const session = await store.sessions.get('solo:terminal:gone');
    const profile = await store.profiles.get('terminal:gone');
    expect([session.ok && session.value.value, profile.ok && profile.value.value]).toEqual([undefined, undefined]);
    await store.close();
  });
});

describe('a corrupt stored session', () => {
  it('is set aside, and the user is told and starts afresh', async () => {
    const url = sqliteUrl();
    const raw = openSqliteBackend(url.slice('sqlite://'.length), { logger: silent, opTimeoutMs: 2000 });
    await raw.spaces.sessions.set('solo:terminal:broken', '{"v":1,"data":{"state":"nonsense"}}');
    await raw.close();
    const store = openTestStore(url);
    const { runtime } = runtimeOn(store);
    const replies = await runtime.handle(inbound('broken', startEvent()));
    expect(replies[0]).toEqual(expect.objectContaining({ type: 'notice', text: expect.stringMatching(/set aside/) }));
    expect(replies.at(-1)).toEqual(expect.objectContaining({ type: 'question', index: 1 }));
    const aside = await store.quarantined('sessions', 'solo:terminal:broken');
    expect(aside.ok && aside.value.length).toBe(1);
    await store.close();
  });
});

describe('idle sessions', () => {
  it('files an interview idle past the TTL in the history, then starts afresh', async () => {
    const store = openTestStore(sqliteUrl());
    const { runtime, clock } = runtimeOn(store, { ttlMs: 60_000 });
    await runtime.handle(inbound('idle', startEvent()));
    await runtime.handle(inbound('idle', answerEvent(story)));
    clock.now += 120_000;
    const replies = await runtime.handle(inbound('idle', startEvent()));
    expect(replies[0]).toEqual(expect.objectContaining({ type: 'notice', text: expect.stringMatching(/idle/) }));
    expect(replies.at(-1)).toEqual(expect.objectContaining({ type: 'question', index: 1 }));
    expect(await outcomes(store, 'idle')).toEqual(['expired']);
    await store.close();
  });

  it("sweeps idle interviews into their owners' history", async () => {
    const store = openTestStore(sqliteUrl());
    const { runtime, clock } = runtimeOn(store, { ttlMs: 60_000 });
    await runtime.handle(inbound('sleepy', startEvent()));
    await runtime.handle(inbound('awake', startEvent()));
    clock.now += 50_000;
    await runtime.handle(inbound('awake', { type: 'command', command: { name: 'status' } }));
    clock.now += 20_000;
    expect(await runtime.sweep()).toBe(1);
    const sleepy = await store.sessions.get('solo:terminal:sleepy');
    const awake = await store.sessions.get('solo:terminal:awake');
    expect([sleepy.ok && sleepy.value.value, awake.ok && awake.value.value?.state.phase]).toEqual([
      undefined,
      'asking',
    ]);
    const profile = await store.profiles.get('terminal:sleepy');
    expect(profile.ok && profile.value.value?.history).toHaveLength(1);
    await store.close();
  });
});

describe('buttons from an earlier question', () => {
  it('changes nothing and says the button is stale', async () => {
    const store = openTestStore('memory://');
    const { runtime } = runtimeOn(store);
    const started = await runtime.handle(inbound('btn', startEvent()));
    const question = started.at(-1);
    if (question?.type !== 'question') throw new Error('expected a question');
    const skip = { type: 'command', command: { name: 'skip' } } as const;
    const stale = { ...inbound('btn', skip), ref: { sessionId: question.sessionId, question: 2 } };
    expect(await runtime.handle(stale)).toEqual([expect.objectContaining({ type: 'error', code: 'stale' })]);
    const fresh = { ...inbound('btn', skip), ref: { sessionId: question.sessionId, question: 1 } };
    expect((await runtime.handle(fresh))[0]).toEqual(
      expect.objectContaining({ type: 'notice', text: 'Question 1 skipped.' }),
    );
    await store.close();
  });
});

describe('a process restart', () => {
  it('resumes the session from the same SQLite file', async () => {
    const url = sqliteUrl();
    const first = openTestStore(url);
    await runtimeOn(first).runtime.handle(inbound('restart', startEvent({ questions: 3 })));
    await runtimeOn(first).runtime.handle(inbound('restart', { type: 'command', command: { name: 'skip' } }));
    await first.close();
    const second = openTestStore(url);
    const replies = await runtimeOn(second).runtime.handle(inbound('restart', startEvent()));
    expect(replies[0]).toEqual(expect.objectContaining({ text: expect.stringMatching(/Welcome back/) }));
    expect(replies[1]).toEqual(expect.objectContaining({ type: 'question', index: 2, total: 3 }));
    await second.close();
  });
});
