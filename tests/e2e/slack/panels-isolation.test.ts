import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, contentOf, type Harness, posted } from './harness.js';
import {
  ann,
  bo,
  clickLobby,
  cy,
  inThread,
  joined,
  openPanel,
  privately,
  say,
  startPanelHarness,
  stored,
  threadOf,
  type Where,
} from './panel-helpers.js';
import { story } from './scenario.js';

let h: Harness;
beforeAll(async () => {
  ({ h } = await startPanelHarness());
});
afterAll(async () => {
  await h.close();
});

/** Opens and starts a panel of `host` and `guest` in `channel`; the host answers first. */
async function panelOf(channel: string, host: string, guest: string): Promise<Where> {
  const where = await openPanel(h, host, channel, '1');
  await clickLobby(h, guest, where, 'iv:panel-join');
  await joined(h, where, 2);
  await clickLobby(h, host, where, 'iv:panel-begin');
  await inThread(h, where, /^\*Turn 1\*/);
  return where;
}

describe('two panels in different channels, and a member in a panel and a solo interview at once', () => {
  let roomA: Where;
  let roomB: Where;

  it('keeps each panel’s answers in its own thread, and Ann’s DM interview apart from both', async () => {
    roomA = await panelOf('C0ROOMA001', ann, bo);
    roomB = await panelOf('C0ROOMB002', cy, ann);
    await h.command({ command: '/interview', user: ann, text: 'start 2 retail Acme' });
    await posted(h, ann, /^\*Question 1 of 2\*/);

    await say(h, ann, roomA, 'In room A I would listen first.', { eventId: 'Ev0ROOMA0001' });
    await inThread(h, roomA, /^\*Follow-up|^\*Rate /);
    await say(h, ann, roomB, 'In room B I would jump in.');
    await privately(h, ann, /^It is Cy's turn to answer, so your message was not counted\./);
    const solo = await answer(h, ann, story);

    expect((await stored(h, roomA))?.turns[0]?.parts).toEqual(['In room A I would listen first.']);
    expect((await stored(h, roomB))?.turns[0]?.parts).toEqual([]);
    expect((await h.session(ann))?.answers.flatMap((a) => a.parts)).toEqual([story]);
    expect(solo.map(contentOf).join('\n')).not.toMatch(/room A|room B|Turn 1/);
    for (const room of [roomA, roomB]) expect(threadOf(h, room).map(contentOf).join('\n')).not.toContain('Camden shop');
  });

  it('answers a replayed thread message once', async () => {
    const posts = threadOf(h, roomA).length;
    await say(h, ann, roomA, 'In room A I would listen first.', { eventId: 'Ev0ROOMA0001', retryNum: 1 });
    await say(h, bo, roomA, 'Nice one.');
    await privately(h, bo, /not counted|not open/);
    expect(threadOf(h, roomA)).toHaveLength(posts);
    expect((await stored(h, roomA))?.turns[0]?.parts).toEqual(['In room A I would listen first.']);
  });

  it('sends nothing of one panel to the other’s channel', async () => {
    const channelsOf = (where: Where) => new Set(threadOf(h, where).map((m) => m.channel));
    expect(channelsOf(roomA)).toEqual(new Set(['C0ROOMA001']));
    expect(channelsOf(roomB)).toEqual(new Set(['C0ROOMB002']));
    const ephemeralThreads = h.fake.ephemerals(ann).map((m) => `${m.channel}:${m.thread_ts ?? ''}`);
    expect(ephemeralThreads).toContain(`C0ROOMB002:${roomB.thread}`);
    expect(
      ephemeralThreads.every((t) => t === `C0ROOMA001:${roomA.thread}` || t === `C0ROOMB002:${roomB.thread}`),
    ).toBe(true);
  });
});
