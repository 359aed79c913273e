import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './harness.js';
import {
  ann,
  bo,
  clickLobby,
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

let h: Harness;
let clock: { now: number };
beforeAll(async () => {
  ({ h, clock } = await startPanelHarness());
});
afterAll(async () => {
  await h.close();
});

describe('a restart in the middle of a panel', () => {
  let where: Where;
  let deadline: number;

  it('reads back the same turn and deadline from the store', async () => {
    where = await openPanel(h, ann, 'C0RESTART1', '1');
    await clickLobby(h, bo, where, 'iv:panel-join');
    await joined(h, where, 2);
    await clickLobby(h, ann, where, 'iv:panel-begin');
    await inThread(h, where, /^\*Turn 1\* · <@U0PANN0001>/);
    const before = await stored(h, where);
    deadline = before?.state.phase === 'answering' ? before.state.deadline : Number.NaN;
    clock.now += 2 * 60_000;
    await h.restart();
    const after = await stored(h, where);
    expect(after?.state).toEqual(before?.state);
    expect(after?.turns).toEqual(before?.turns);
    expect(deadline).toBe(1_700_000_000_000 + 5 * 60_000);
  });

  it('keeps taking the thread’s messages after the restart', async () => {
    await say(h, bo, where, 'Still here?');
    await privately(h, bo, /^It is Ann's turn to answer, so your message was not counted\./);
  });

  it('moves on once at the stored deadline, not before, and not twice', async () => {
    const posts = threadOf(h, where).length;
    clock.now = deadline - 1_000;
    await h.panels?.runtime.tickDue();
    expect(threadOf(h, where)).toHaveLength(posts);
    clock.now = deadline;
    await h.panels?.runtime.tickDue();
    await inThread(h, where, /^\*Turn 2\* · <@U0PBO00002>/, posts);
    clock.now += 60_000;
    await h.panels?.runtime.tickDue();
    expect(
      threadOf(h, where)
        .slice(posts)
        .map((m) => m.text.split('\n')[0]),
    ).toEqual(['Time is up for this turn, so the panel moves on.', '*Turn 2* · <@U0PBO00002>, your question:']);
    const session = await stored(h, where);
    expect(session?.turns.map((t) => [t.candidateId, t.skipped])).toEqual([
      [ann, 'timeout'],
      [bo, null],
    ]);
    expect(session?.state).toMatchObject({ phase: 'answering', deadline: deadline + 5 * 60_000 });
  });
});
