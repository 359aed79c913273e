import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, posted } from './harness.js';
import {
  admin,
  ann,
  bo,
  clickLobby,
  cy,
  dee,
  inThread,
  joined,
  lobbyOf,
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

/** Opens a panel hosted by Ann with `others` joined, and starts it: Ann's turn 1 is in play. */
async function started(channel: string, others: readonly string[]): Promise<Where> {
  const where = await openPanel(h, ann, channel, '1');
  for (const user of others) await clickLobby(h, user, where, 'iv:panel-join');
  await joined(h, where, others.length + 1);
  await clickLobby(h, ann, where, 'iv:panel-begin');
  await inThread(h, where, /^\*Turn 1\* · <@U0PANN0001>/);
  return where;
}

describe('a turn that gets no answer in time', () => {
  it('is skipped with a notice in the thread once the deadline passes, and the next turn starts once', async () => {
    const where = await started('C0TIMEOUT1', [bo]);
    const deadline = (await stored(h, where))?.state;
    expect(deadline).toMatchObject({ phase: 'answering', deadline: clock.now + 5 * 60_000 });
    clock.now += 4 * 60_000;
    await h.panels?.runtime.tickDue();
    const before = threadOf(h, where).length;
    clock.now += 60_000;
    await h.panels?.runtime.tickDue();
    await inThread(h, where, /^Time is up for this turn, so the panel moves on\./, before);
    await inThread(h, where, /^\*Turn 2\* · <@U0PBO00002>/, before);
    await h.panels?.runtime.tickDue();
    expect(
      threadOf(h, where)
        .slice(before)
        .map((m) => m.text.split('\n')[0]),
    ).toEqual(['Time is up for this turn, so the panel moves on.', '*Turn 2* · <@U0PBO00002>, your question:']);
    expect((await stored(h, where))?.turns.map((t) => t.skipped)).toEqual(['timeout', null]);
  });
});

describe('a participant who is not the host', () => {
  let where: Where;

  it('is told privately that only the host can start, and the panel stays in the lobby', async () => {
    where = await openPanel(h, ann, 'C0CONTROL1', '1');
    await clickLobby(h, bo, where, 'iv:panel-join');
    await clickLobby(h, cy, where, 'iv:panel-join');
    await joined(h, where, 3);
    await clickLobby(h, cy, where, 'iv:panel-begin');
    await privately(h, cy, /Only the host \(or a channel manager\) can start the panel\./);
    expect((await stored(h, where))?.state.phase).toBe('lobby');
  });

  it('cannot skip, end or remove anyone once it runs: each gets a private explanation and nothing changes', async () => {
    await clickLobby(h, ann, where, 'iv:panel-begin');
    await inThread(h, where, /^\*Turn 1\*/);
    const before = await stored(h, where);
    const posts = threadOf(h, where).length;
    await clickLobby(h, cy, where, 'iv:panel-skip');
    await privately(h, cy, /Only the host \(or a channel manager\) can skip a turn\./);
    await clickLobby(h, cy, where, 'iv:panel-end');
    await privately(h, cy, /Only the host \(or a channel manager\) can end the panel\./);
    await clickLobby(h, cy, where, 'iv:panel-remove', { selected_option: { value: bo } });
    await privately(h, cy, /Only the host \(or a channel manager\) can remove someone\./);
    const after = await stored(h, where);
    expect(after?.turns).toEqual(before?.turns);
    expect(after?.participants).toEqual(before?.participants);
    expect(after?.state).toEqual(before?.state);
    expect(threadOf(h, where)).toHaveLength(posts);
  });

  it('may run the panel when Slack says they are a workspace admin, without having joined', async () => {
    const posts = threadOf(h, where).length;
    await clickLobby(h, admin, where, 'iv:panel-skip');
    await inThread(h, where, /^The host skipped this turn\./, posts);
    await inThread(h, where, /^\*Turn 2\* · <@U0PBO00002>/, posts);
    expect((await stored(h, where))?.turns[0]?.skipped).toBe('host');
  });
});

describe('a participant leaving mid-turn, and a late joiner', () => {
  let where: Where;

  it('skips the turn of a candidate who leaves it, and the next person answers', async () => {
    where = await started('C0LEAVING1', [bo, cy]);
    await clickLobby(h, ann, where, 'iv:panel-skip');
    await inThread(h, where, /^\*Turn 2\* · <@U0PBO00002>/);
    const posts = threadOf(h, where).length;
    await clickLobby(h, bo, where, 'iv:panel-leave');
    await inThread(h, where, /^Bo left mid-turn, so their turn is skipped\./, posts);
    await inThread(h, where, /^\*Turn 3\* · <@U0PCY00003>/, posts);
    await joined(h, where, 2);
    expect(JSON.stringify(lobbyOf(h, where)?.blocks)).not.toContain('Bo');
    const session = await stored(h, where);
    expect(session?.participants.map((p) => p.userId)).toEqual([ann, cy]);
    expect(session?.turns[1]).toMatchObject({ candidateId: bo, skipped: 'left' });
  });

  it('lets someone join mid-panel into the rotation: they get a turn', async () => {
    const posts = threadOf(h, where).length;
    await clickLobby(h, dee, where, 'iv:panel-join');
    await inThread(h, where, /^Dee joined and enters the rotation\./, posts);
    await clickLobby(h, ann, where, 'iv:panel-skip');
    await inThread(h, where, /^\*Turn 4\* · <@U0PDEE0004>/, posts);
  });
});

describe('a panelist who leaves, and one the host removes, while someone else answers', () => {
  it('update the lobby message and leave the turn in play as it was', async () => {
    const where = await started('C0LEAVING2', [bo, cy, dee]);
    const turns = (await stored(h, where))?.turns;
    const posts = threadOf(h, where).length;
    await clickLobby(h, cy, where, 'iv:panel-leave');
    await inThread(h, where, /^Cy left the panel\.$/, posts);
    await joined(h, where, 3);
    expect(JSON.stringify(lobbyOf(h, where)?.blocks)).toContain('Joined (3):* Ann (host), Bo, Dee');
    await clickLobby(h, ann, where, 'iv:panel-remove', { selected_option: { value: dee } });
    await inThread(h, where, /^The host removed Dee from the panel\.$/, posts);
    await joined(h, where, 2);
    expect(JSON.stringify(lobbyOf(h, where)?.blocks)).toContain('Joined (2):* Ann (host), Bo');
    const session = await stored(h, where);
    expect(session?.turns).toEqual(turns);
    expect(session?.state.phase).toBe('answering');
    expect(
      threadOf(h, where)
        .slice(posts)
        .map((m) => m.text),
    ).toEqual(['Cy left the panel.', 'The host removed Dee from the panel.']);
  });
});

describe('messages in the thread that are not the candidate’s answer', () => {
  it('are not counted, and the sender is told once, privately', async () => {
    const where = await started('C0CHATTER1', [bo]);
    await say(h, bo, where, 'Good luck Ann!');
    await privately(h, bo, /^It is Ann's turn to answer, so your message was not counted\./);
    const notes = h.fake.ephemerals(bo).length;
    await say(h, bo, where, 'You can do it!');
    await say(h, ann, where, 'Thanks both.');
    await inThread(h, where, /^\*Follow-up|^\*Rate /);
    expect(h.fake.ephemerals(bo)).toHaveLength(notes);
    expect((await stored(h, where))?.turns[0]?.parts).toEqual(['Thanks both.']);
  });

  it('are ignored outside panel threads: top-level messages and threads under other people’s messages', async () => {
    const before = h.fake.calls().length;
    await h.event(h.fake.payloads.channelMessage({ user: bo, channel: 'C0CHATTER1', text: 'lunch?' }));
    await h.event(
      h.fake.payloads.channelMessage({
        user: bo,
        channel: 'C0CHATTER1',
        text: 'agreed',
        threadTs: '1700000000.000100',
        parentUser: cy,
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(h.fake.calls().slice(before)).toEqual([]);
  });
});

describe('when Slack refuses a post', () => {
  it('tells the host privately to invite the bot when it is not in the channel, and opens nothing', async () => {
    h.fake.fail('chat.postMessage', 'not_in_channel', 1);
    const before = h.fake.messages('C0NOTIN001').length;
    await h.command({ command: '/interview', user: ann, channel: 'C0NOTIN001', text: 'panel' });
    const told = await h.fake.waitFor('response_url');
    expect(told.args).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('/invite') });
    expect(h.fake.messages('C0NOTIN001')).toHaveLength(before);
  });

  it('sends a private note by DM to someone Slack will not show an ephemeral message to', async () => {
    const where = await openPanel(h, ann, 'C0NOTIN002', '1');
    h.fake.fail('chat.postEphemeral', 'user_not_in_channel', 1);
    await clickLobby(h, cy, where, 'iv:panel-begin');
    await posted(h, cy, /Only the host \(or a channel manager\) can start the panel\./);
  });
});
