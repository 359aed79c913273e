import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { succeeded } from '../../fakes/slack/index.js';
import { buttonsOf, contentOf, type Harness, posted, until } from './harness.js';
import {
  ann,
  bo,
  clickInThread,
  clickLobby,
  cy,
  inThread,
  lobbyOf,
  mentionsIn,
  openPanel,
  privately,
  rateAll,
  say,
  startPanelHarness,
  stored,
  threadOf,
  type Where,
} from './panel-helpers.js';
import { story, vague } from './scenario.js';

let h: Harness;
beforeAll(async () => {
  ({ h } = await startPanelHarness());
});
afterAll(async () => {
  await h.close();
});

const channel = 'C0PANELS01';
const comment = 'Clear STAR story <!channel> & a calm tone';
let where: Where;

/** Everything the lobby message shows now. */
function lobbyText(): string {
  const lobby = lobbyOf(h, where);
  return lobby === undefined ? '' : contentOf(lobby);
}

/** The candidate answers (vaguely first) until the panel is asked to rate; returns how many follow-ups came. */
async function answerTurn(candidate: string, turn: number): Promise<number> {
  let followUps = 0;
  for (const text of [vague, story, story]) {
    const from = threadOf(h, where).length;
    await say(h, candidate, where, text);
    const next = await inThread(h, where, /^\*Follow-up|^\*Rate /, from);
    if (next.text.startsWith('*Rate ')) {
      expect(next.text).toContain(`(turn ${turn})`);
      return followUps;
    }
    expect(next.text).toContain(`<@${candidate}>`);
    followUps += 1;
  }
  throw new Error('the panel never asked for ratings');
}

describe('opening a panel in a channel', () => {
  it('posts a lobby with Join, Leave, Start and the host controls, and opens its thread', async () => {
    where = await openPanel(h, ann, channel, '1 retail');
    const lobby = lobbyOf(h, where);
    expect(buttonsOf(lobby)).toEqual([
      'iv:panel-join',
      'iv:panel-leave',
      'iv:panel-begin',
      'iv:panel-skip',
      'iv:panel-end',
      'iv:panel-remove',
    ]);
    expect(lobbyText()).toContain('1 question each · retail · 5 minutes to answer');
    expect(threadOf(h, where)[0]?.text).toBe('This thread is the panel');
    expect((await stored(h, where))?.hostId).toBe(ann);
  });

  it('lists each person who joins in the lobby message, edited in place', async () => {
    await clickLobby(h, bo, where, 'iv:panel-join');
    await clickLobby(h, cy, where, 'iv:panel-join');
    await until('three in the lobby', () => lobbyText().includes('Joined (3)'));
    expect(lobbyText()).toContain('Ann (host), Bo, Cy');
  });
});

describe('a full panel of three', () => {
  it('asks each candidate in turn, mentioning only them, with private talking points for the others', async () => {
    await clickLobby(h, ann, where, 'iv:panel-begin');
    const first = await inThread(h, where, /^\*Turn 1\*/);
    expect(first.text).toContain(`<@${ann}>, your question:`);
    await privately(h, bo, /^\*While Ann answers \(turn 1\), listen for:/);
    await privately(h, cy, /^\*While Ann answers \(turn 1\), listen for:/);
    expect(h.fake.ephemerals(ann)).toEqual([]);
  });

  it('follows up on a vague answer, then has the others rate it, with a comment from a modal', async () => {
    const followUps = await answerTurn(ann, 1);
    expect(followUps).toBeGreaterThanOrEqual(1);
    const rate = threadOf(h, where).at(-1);
    expect(buttonsOf(rate)).toHaveLength(13);
    await clickInThread(h, bo, where, 'iv:panel-comment');
    const opened = await h.fake.waitFor('views.open');
    const viewId = String((opened.response.view as { id: string }).id);
    await h.interact(
      h.fake.payloads.viewSubmission({
        user: bo,
        viewId,
        values: { comment: { value: { type: 'plain_text_input', value: comment } } },
      }),
    );
    await privately(h, bo, /^Comment saved\./);
    await rateAll(h, bo, where, 3);
    await privately(h, bo, /^Noted: Structure \(STAR\), Good\./);
    await rateAll(h, cy, where, 2);
    const second = await inThread(h, where, /^\*Turn 2\*/);
    expect(second.text).toContain(`<@${bo}>, your question:`);
  });

  it('runs the other two turns and posts the summary: bot beside peers, disagreement, comments, group misses', async () => {
    await answerTurn(bo, 2);
    await rateAll(h, ann, where, 4);
    await rateAll(h, cy, where, 1);
    await inThread(h, where, /^\*Turn 3\*/);
    await answerTurn(cy, 3);
    await rateAll(h, ann, where, 3);
    await rateAll(h, bo, where, 3);
    const summary = await inThread(h, where, /^Panel summary/);
    const shown = contentOf(summary);
    for (const name of ['*Ann*', '*Bo*', '*Cy*']) expect(shown).toContain(name);
    expect(shown).toMatch(/bot \*\d+\/100\* · peers \*\d+\/100\* \(2 ratings\)/);
    expect(shown).toContain('the panel was split on this answer');
    expect(shown).toContain('Clear STAR story &lt;!channel&gt; &amp; a calm tone');
    expect(shown).toContain('What the group missed most');
    expect((await stored(h, where))?.state.phase).toBe('closed');
  });

  it('sends each participant their full feedback in a DM and adds the panel to their history', async () => {
    for (const user of [ann, bo, cy]) {
      const feedback = await posted(h, user, /^Your panel feedback: turn \d/);
      expect(contentOf(feedback)).toMatch(/\*Score: \d+\/100\*/);
      const profile = await h.app.store.profiles.get(`slack:${user}`);
      expect(profile.ok && profile.value.value?.history).toHaveLength(1);
    }
  });

  it('leaves the lobby without controls, mentions nobody but the candidates, and every call succeeds', async () => {
    expect(buttonsOf(lobbyOf(h, where))).toEqual([]);
    expect(new Set(mentionsIn(threadOf(h, where)).filter((m) => m.startsWith('<@')))).toEqual(
      new Set([`<@${ann}`, `<@${bo}`, `<@${cy}`]),
    );
    expect(mentionsIn(threadOf(h, where)).filter((m) => m.startsWith('<!') && !m.startsWith('<!date^'))).toEqual([]);
    for (const user of [ann, bo, cy]) expect(h.fake.ephemerals(user).every((m) => m.shown)).toBe(true);
    for (const method of ['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'views.open'])
      expect(h.fake.calls(method).every(succeeded)).toBe(true);
  });
});
