import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dmInbox } from './harness.js';
import {
  click,
  isFollowUp,
  isRate,
  isTurn,
  joinAs,
  lobbyNow,
  openPanelAs,
  type PanelWorld,
  startPanelWorld,
  ThreadFeed,
  thin,
} from './panel-harness.js';

let world: PanelWorld;

beforeAll(async () => {
  world = await startPanelWorld({
    messageContent: true,
    fake: { guilds: [{ name: 'Careers', channels: ['general', 'practice'] }] },
  });
});

afterAll(async () => {
  await world?.close();
});

/** Opens and starts a panel in a channel with its host and one more person; the thread and its feed. */
async function running(host: string, other: string, channelId: string) {
  const { threadId, lobby } = await openPanelAs(world, host, { channelId });
  await joinAs(world, other, lobby);
  const feed = new ThreadFeed(world.fake, threadId);
  click(world, host, lobbyNow(world, lobby), 'Start');
  const turn = await feed.next(isTurn);
  return { threadId, feed, turn };
}

const partsOf = async (threadId: string) => (await world.panel(threadId))?.turns.map((t) => t.parts);

describe('two panels in different channels and a solo interview of one of their members', () => {
  it('keep every answer where it was given, typed answers included', async () => {
    const { fake } = world;
    const [general = '', practice = ''] = fake.channelIds();
    const one = await running('ann', 'bo', general);
    const two = await running('cy', 'dee', practice);
    expect(fake.channel(two.threadId)).toMatchObject({ parent_id: practice });
    expect(one.turn.content).toContain('Type your answer in this thread, or press **Answer** for a longer one');

    const dm = dmInbox(fake, 'ann');
    const solo = fake.slashCommand({
      user: 'ann',
      name: 'interview',
      subcommand: 'start',
      options: { questions: 2, skip_intro: true },
    });
    await solo.callback();
    await dm.next((m) => m.content.startsWith('**Question 1'));

    fake.threadMessage({ user: 'bo', threadId: one.threadId, content: 'Nice question, ann!' });
    const typed = fake.threadMessage({ user: 'ann', threadId: one.threadId, content: thin });
    expect(typed.deliveredTo).toBe(1);
    const probed = await one.feed.next((m) => isFollowUp(m) || isRate(m));
    expect(probed.content).toContain(`<@${fake.user('ann').id}>`);
    fake.dmMessage({ user: 'ann', content: 'My solo answer about a refund I sorted out.' });
    await dm.next((m) => m.content.startsWith('**Follow-up**') || m.content.startsWith('**Question 2'));
    fake.threadMessage({ user: 'cy', threadId: two.threadId, content: 'The answer in the practice channel.' });
    await two.feed.next((m) => isFollowUp(m) || isRate(m));

    expect(await partsOf(one.threadId)).toEqual([[thin]]);
    expect(await partsOf(two.threadId)).toEqual([['The answer in the practice channel.']]);
    const mine = await world.app.store.sessions.get(`solo:discord:${fake.user('ann').id}`);
    expect(mine.ok && mine.value.value?.answers.flatMap((a) => a.parts)).toEqual([
      'My solo answer about a refund I sorted out.',
    ]);
    expect(one.feed.pending().filter((m) => m.content.includes('practice channel'))).toEqual([]);
    expect(two.feed.pending().filter((m) => m.content.includes(thin))).toEqual([]);
    expect(dm.pending().filter((m) => m.content.includes('Turn'))).toEqual([]);
  });
});
