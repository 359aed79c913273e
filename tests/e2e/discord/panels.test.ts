import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIssues } from '../../fakes/discord/index.js';
import { buttonLabels, sentBodies, story, textOf } from './harness.js';
import {
  answerByModal,
  click,
  isFollowUp,
  isRate,
  isSummary,
  isTurn,
  joinAs,
  lobbyNow,
  openPanelAs,
  type PanelWorld,
  privately,
  rateAll,
  startPanelWorld,
  ThreadFeed,
  thin,
} from './panel-harness.js';

let world: PanelWorld;

beforeAll(async () => {
  world = await startPanelWorld();
});

afterAll(async () => {
  await world?.close();
});

/** Answers the turn in play by modal (a thin answer first, then the story to each follow-up) until rating opens. */
async function answerTurn(
  feed: ThreadFeed,
  candidate: string,
  turn: APIMessage,
): Promise<{ rate: APIMessage; followUps: number }> {
  let prompt = turn;
  let text = thin;
  for (let followUps = 0; ; followUps++) {
    await answerByModal(world, candidate, prompt, text);
    const echo = await feed.next((m) => m.embeds?.[0]?.title?.includes("'s answer (turn") === true);
    expect(echo.embeds?.[0]?.description).toContain(text.slice(0, 20));
    const next = await feed.next((m) => isFollowUp(m) || isRate(m));
    if (isRate(next)) return { rate: next, followUps };
    prompt = next;
    text = story;
  }
}

describe('a full panel of three', () => {
  it('runs turns with follow-ups, private talking points, peer ratings, a summary and private feedback', async () => {
    const { fake } = world;
    const ids = { ann: fake.user('ann').id, bo: fake.user('bo').id, cy: fake.user('cy').id };
    const { threadId, lobby } = await openPanelAs(world, 'ann');
    expect(fake.channel(threadId)).toMatchObject({ type: 12, parent_id: fake.channelId });
    expect(buttonLabels(lobby)).toEqual(['Join', 'Leave', 'Start']);
    expect(JSON.stringify(lobby.components)).toContain('"disabled":true');

    await joinAs(world, 'bo', lobby);
    await joinAs(world, 'cy', lobby);
    expect(fake.threadMembers(threadId)).toEqual([fake.botUser.id, ids.ann, ids.bo, ids.cy]);
    expect(lobbyNow(world, lobby).content).toContain('**In the panel (3):** ann (host), bo, cy');

    const feed = new ThreadFeed(fake, threadId);
    const started = click(world, 'ann', lobbyNow(world, lobby), 'Start');
    expect((await started.callback()).callbackType).toBe(6);
    expect((await feed.next()).content).toBe('The panel begins.');

    let followUps = 0;
    for (const [candidate, raters] of [
      ['ann', ['bo', 'cy']],
      ['bo', ['ann', 'cy']],
      ['cy', ['ann', 'bo']],
    ] as const) {
      const turn = await feed.next(isTurn);
      expect(turn.content).toContain(`<@${fake.user(candidate).id}>, this question is yours`);
      expect(buttonLabels(turn)).toEqual(['Answer', 'Talking points', 'Skip']);
      const points = await privately(click(world, raters[0], turn, 'Talking points'));
      expect(points.embeds?.[0]?.title).toMatch(new RegExp(`^Listen for: ${candidate}'s answer`));
      const own = await privately(click(world, candidate, turn, 'Talking points'));
      expect(own.content).toBe('It is your turn: the talking points are for the others.');

      const answered = await answerTurn(feed, candidate, turn);
      followUps += answered.followUps;
      expect(answered.rate.content).toContain(`Rate ${candidate}'s answer`);
      expect(answered.rate.components).toHaveLength(4);
      await rateAll(world, raters[0], answered.rate, 'Good');
      const comment = click(world, raters[1], answered.rate, 'Add a comment');
      const modal = (await comment.callback()).body as { data: { custom_id: string } };
      const saved = fake.submitModal({
        user: raters[1],
        customId: modal.data.custom_id,
        fields: { comment: `Clear story from ${candidate}` },
      });
      expect((await privately(saved)).content).toBe('Comment saved.');
      await rateAll(world, raters[1], answered.rate, 'Fair');
    }
    expect(followUps).toBeGreaterThan(0);

    const summary = await feed.next(isSummary);
    const text = [summary, ...feed.pending()].map(textOf).join('\n');
    for (const name of ['ann', 'bo', 'cy']) expect(text).toContain(`“Clear story from ${name}”`);
    expect(text).toMatch(/Bot \*\*\d+\*\*\/100 · Peers \*\*50\*\*\/100 \(2 ratings\)/);
    expect(lobbyNow(world, lobby).content).toContain('this panel has ended');
    expect(lobbyNow(world, lobby).components).toEqual([]);

    for (const [name, id] of Object.entries(ids)) {
      const dm = fake.dmChannelOf(name) ?? '';
      const feedback = fake.messagesIn(dm).map(textOf).join('\n');
      expect(feedback).toContain('Your feedback from the mock-interview panel');
      expect(feedback).toMatch(/Turn \d: \d+\/100/);
      const profile = await world.app.store.profiles.get(`discord:${id}`);
      expect(profile.ok && profile.value.value?.history).toHaveLength(1);
    }
  });

  it('pings only the candidate, on the turn message alone, and sends nothing Discord refuses', () => {
    const { fake } = world;
    const bodies = sentBodies(fake);
    const pinging = bodies.filter(({ body }) => JSON.stringify(body.allowed_mentions) !== '{"parse":[]}');
    expect(pinging.length).toBe(3);
    for (const { body } of pinging) {
      const users = (body.allowed_mentions as { users: string[] }).users;
      expect(body.allowed_mentions).toEqual({ parse: [], users });
      expect(users).toHaveLength(1);
      expect(String(body.content)).toMatch(new RegExp(`^\\*\\*Turn \\d\\*\\* · <@${users[0]}>`));
    }
    for (const { body } of bodies) expect(messageIssues(body)).toEqual([]);
    expect(fake.records.filter((r) => r.status >= 400)).toEqual([]);
  });
});
