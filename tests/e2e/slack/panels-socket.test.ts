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
} from './panel-helpers.js';
import { vague } from './scenario.js';

let h: Harness;
beforeAll(async () => {
  ({ h } = await startPanelHarness('socket'));
});
afterAll(async () => {
  await h.close();
});

describe('Socket Mode: a panel', () => {
  it('opens from the slash command, takes clicks and thread answers, and talks privately, as over HTTP', async () => {
    const where = await openPanel(h, ann, 'C0SOCKET01', '1');
    await clickLobby(h, bo, where, 'iv:panel-join');
    await joined(h, where, 2);
    await clickLobby(h, ann, where, 'iv:panel-begin');
    await inThread(h, where, /^\*Turn 1\* · <@U0PANN0001>/);
    await privately(h, bo, /^\*While Ann answers \(turn 1\)/);
    await say(h, ann, where, vague);
    await inThread(h, where, /^\*Follow-up|^\*Rate /);
    expect((await stored(h, where))?.turns[0]?.parts).toEqual([vague]);
  });

  it('answers /interview panel in a DM privately in the acknowledgement, opening nothing', async () => {
    const ack = await h.command({ command: '/interview', user: ann, text: 'panel' });
    expect(ack).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('runs in a channel') });
  });
});
