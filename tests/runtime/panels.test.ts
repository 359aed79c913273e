import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PanelActor, PanelEvent, PanelReply, PanelSession, Profile } from '../../src/engine/index.js';
import { PanelSessionSchema, PROFILE_VERSION, ProfileSchema } from '../../src/engine/index.js';
import { createPanelRuntime, type PanelKey, type PanelRuntime } from '../../src/runtime/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { uniquePrefix } from '../store/fixtures.js';
import {
  answerEvent,
  inbound,
  library,
  openTestStore,
  runtimeOn,
  silent,
  startEvent,
  story,
  tempDir,
} from './helpers.js';

const temp = tempDir();
afterAll(() => temp.cleanup());
let files = 0;
const nextUrl = () => `sqlite://${join(temp.dir, `p${++files}.sqlite`)}`;

const ann: PanelActor = { userId: 'a1', name: 'Ann', canManage: false };
const bo: PanelActor = { userId: 'b2', name: 'Bo', canManage: false };

function openPanelStore(url: string, prefix = 'panel'): Store<PanelSession, Profile> {
  return openStore<PanelSession, Profile>({
    url,
    prefix,
    sessions: { version: 1, schema: PanelSessionSchema },
    profiles: { version: PROFILE_VERSION, schema: ProfileSchema },
    logger: silent,
  });
}

function panelsOn(
  panelStore: Store<PanelSession, Profile>,
  profiles: Store<never, Profile>['profiles'],
  clock: { now: number },
  rateLimitPerMinute = 1000,
) {
  return createPanelRuntime({
    panels: panelStore.sessions,
    profiles,
    library,
    logger: silent,
    clock: () => clock.now,
    rates: panelStore,
    rateLimitPerMinute,
    timers: false,
  });
}

let ids = 0;
const send = (runtime: PanelRuntime, key: PanelKey, event: PanelEvent, id = `e${++ids}`) =>
  runtime.handle({ id, key, platform: 'slack', event });

/** Opens a panel of Ann (host) and Bo with one question each, and begins it. */
async function begin(runtime: PanelRuntime, key: PanelKey) {
  await send(runtime, key, { type: 'open', by: ann, options: { questionsPerPerson: 1, seed: 2 } });
  await send(runtime, key, { type: 'join', by: bo });
  return send(runtime, key, { type: 'begin', by: ann });
}

describe('panel runtime', () => {
  it("runs a panel to its summary and adds each candidate's answers to their own history", async () => {
    const url = nextUrl();
    const main = openTestStore(url);
    const panelStore = openPanelStore(url);
    const clock = { now: 1_700_000_000_000 };
    const runtime = panelsOn(panelStore, main.profiles, clock);
    const key: PanelKey = 'group:slack:C1:111.222';
    await begin(runtime, key);
    const all: PanelReply[] = [];
    for (const [turn, candidate, rater] of [
      [1, ann, bo],
      [2, bo, ann],
    ] as const) {
      for (let i = 0; i < 3; i++) {
        const replies = await send(runtime, key, { type: 'answer', by: candidate, text: story });
        all.push(...replies);
        if (replies.some((r) => r.type === 'rate')) break;
      }
      for (const criterion of ['structure', 'customer-focus', 'communication'] as const)
        all.push(...(await send(runtime, key, { type: 'rate', by: rater, turn, criterion, level: 3 })));
    }
    expect(all.find((r) => r.type === 'summary')).toEqual(expect.objectContaining({ endedEarly: false }));
    const annProfile = await main.profiles.get('slack:a1');
    const boProfile = await main.profiles.get('slack:b2');
    expect(annProfile.ok && annProfile.value.value?.history).toHaveLength(1);
    expect(boProfile.ok && boProfile.value.value?.history).toHaveLength(1);
    const stored = await panelStore.sessions.get(key);
    expect(stored.ok && stored.value.value?.archived).toBe(true);
    runtime.close();
    await Promise.all([main.close(), panelStore.close()]);
  });

  it('answers a replayed event once', async () => {
    const store = openPanelStore('memory://');
    const main = openTestStore('memory://');
    const runtime = panelsOn(store, main.profiles, { now: 1_700_000_000_000 });
    const key: PanelKey = 'group:slack:C2:1.1';
    await send(runtime, key, { type: 'open', by: ann, options: {} });
    const first = await send(runtime, key, { type: 'join', by: bo }, 'Ev-join');
    const again = await send(runtime, key, { type: 'join', by: bo }, 'Ev-join');
    expect(first.length).toBeGreaterThan(0);
    expect(again).toEqual([]);
    await Promise.all([store.close(), main.close()]);
  });

  it('counts each participant against the rate limit once per event, a replay included', async () => {
    const store = openPanelStore('memory://');
    const main = openTestStore('memory://');
    const clock = { now: 1_700_000_000_000 };
    const runtime = panelsOn(store, main.profiles, clock, 3);
    const key: PanelKey = 'group:slack:C3:1.1';
    const limited = (replies: readonly PanelReply[]) =>
      replies.some((r) => r.type === 'notice' && /a lot at once/.test(r.text));
    const outcomes = [];
    outcomes.push(await send(runtime, key, { type: 'open', by: ann, options: {} }, 'Ev-r1'));
    outcomes.push(await send(runtime, key, { type: 'status', by: ann }, 'Ev-r2'));
    outcomes.push(await send(runtime, key, { type: 'status', by: ann }, 'Ev-r2'));
    outcomes.push(await send(runtime, key, { type: 'status', by: ann }, 'Ev-r3'));
    outcomes.push(await send(runtime, key, { type: 'status', by: ann }, 'Ev-r4'));
    outcomes.push(await send(runtime, key, { type: 'join', by: bo }, 'Ev-r5'));
    expect(outcomes.map(limited)).toEqual([false, false, false, false, true, false]);
    clock.now += 60_001;
    expect(limited(await send(runtime, key, { type: 'status', by: ann }, 'Ev-r6'))).toBe(false);
    await Promise.all([store.close(), main.close()]);
  });

  it('says an event was not recorded, and records nothing, when the store cannot count it', async () => {
    const store = openPanelStore('memory://');
    const main = openTestStore('memory://');
    const runtime = createPanelRuntime({
      panels: store.sessions,
      profiles: main.profiles,
      library,
      logger: silent,
      rates: { allow: async () => ({ ok: false, error: { code: 'unavailable', message: 'redis is not connected' } }) },
      rateLimitPerMinute: 1000,
      timers: false,
    });
    const key: PanelKey = 'group:slack:C5:1.1';
    const replies = await send(runtime, key, { type: 'open', by: ann, options: {} }, 'Ev-down');
    expect(replies).toEqual([
      { type: 'notice', to: { userId: ann.userId }, text: expect.stringContaining('NOT recorded') },
    ]);
    const stored = await store.sessions.get(key);
    expect(stored.ok && stored.value.value).toBeUndefined();
    await Promise.all([store.close(), main.close()]);
  });

  it('counts the rate limit in one window for every process on a shared Redis', async () => {
    const prefix = `panel-${uniquePrefix()}`;
    const clock = { now: 1_700_000_000_000 };
    const processes = [0, 1].map(() => {
      const store = openPanelStore('redis://127.0.0.1:6379', prefix);
      const main = openTestStore('memory://');
      return { store, main, runtime: panelsOn(store, main.profiles, clock, 2) };
    });
    const [a, b] = processes as [(typeof processes)[0], (typeof processes)[0]];
    const key: PanelKey = 'group:slack:C4:1.1';
    const limited = (replies: readonly PanelReply[]) =>
      replies.some((r) => r.type === 'notice' && /a lot at once/.test(r.text));
    const first = await send(a.runtime, key, { type: 'open', by: ann, options: {} }, 'Ev-s1');
    const second = await send(b.runtime, key, { type: 'status', by: ann }, 'Ev-s2');
    const third = await send(a.runtime, key, { type: 'status', by: ann }, 'Ev-s3');
    expect([first, second, third].map(limited)).toEqual([false, false, true]);
    for (const p of processes) {
      p.runtime.close();
      await Promise.all([p.store.close(), p.main.close()]);
    }
  });

  it('keeps the turn and its deadline across a restart, and moves on once the deadline passes', async () => {
    const url = nextUrl();
    const clock = { now: 1_700_000_000_000 };
    const key: PanelKey = 'group:discord:T9';
    const main1 = openTestStore(url);
    const store1 = openPanelStore(url);
    const before = panelsOn(store1, main1.profiles, clock);
    await begin(before, key);
    const saved = await store1.sessions.get(key);
    before.close();
    await Promise.all([main1.close(), store1.close()]);

    const main2 = openTestStore(url);
    const store2 = openPanelStore(url);
    const after = panelsOn(store2, main2.profiles, clock);
    expect(await after.resume()).toBe(1);
    const delivered: PanelReply[] = [];
    after.onTimed('discord', async (_key, replies) => {
      delivered.push(...replies);
    });
    clock.now += 60_000;
    await after.tickDue();
    expect(delivered).toEqual([]);
    clock.now += 5 * 60_000;
    await after.tickDue();
    expect(delivered[0]).toEqual(
      expect.objectContaining({ type: 'notice', to: 'all', text: expect.stringMatching(/Time is up/) }),
    );
    const resumed = await store2.sessions.get(key);
    const turns = resumed.ok ? resumed.value.value?.turns : [];
    expect(turns?.map((t) => [t.candidateId, t.skipped])).toEqual([
      ['a1', 'timeout'],
      ['b2', null],
    ]);
    expect(saved.ok && saved.value.value?.turns[0]?.startedAt).toBe(turns?.[0]?.startedAt);
    after.close();
    await Promise.all([main2.close(), store2.close()]);
  });

  it('keeps two panels and a solo interview of the same person apart', async () => {
    const url = nextUrl();
    const main = openTestStore(url);
    const panelStore = openPanelStore(url);
    const clock = { now: 1_700_000_000_000 };
    const panels = panelsOn(panelStore, main.profiles, clock);
    const solo = runtimeOn(main).runtime;
    await begin(panels, 'group:slack:C1:1.0');
    await begin(panels, 'group:slack:C2:2.0');
    await solo.handle({
      ...inbound('a1', startEvent()),
      key: 'solo:slack:a1',
      actor: { platform: 'slack', userId: 'a1', name: 'Ann' },
    });
    await send(panels, 'group:slack:C1:1.0', { type: 'answer', by: ann, text: 'panel one answer' });
    await solo.handle({
      ...inbound('a1', answerEvent('solo answer')),
      key: 'solo:slack:a1',
      actor: { platform: 'slack', userId: 'a1', name: 'Ann' },
    });
    const one = await panelStore.sessions.get('group:slack:C1:1.0');
    const two = await panelStore.sessions.get('group:slack:C2:2.0');
    const mine = await main.sessions.get('solo:slack:a1');
    expect(one.ok && one.value.value?.turns[0]?.parts).toEqual(['panel one answer']);
    expect(two.ok && two.value.value?.turns[0]?.parts).toEqual([]);
    expect(mine.ok && mine.value.value?.answers.flatMap((a) => a.parts)).toEqual(['solo answer']);
    panels.close();
    await Promise.all([main.close(), panelStore.close()]);
  });
});
