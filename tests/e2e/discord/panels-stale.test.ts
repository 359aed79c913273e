import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPanelId } from '../../../adapters/discord/panel-ids.js';
import { story } from './harness.js';
import {
  answerByModal,
  click,
  isFollowUp,
  isRate,
  isTurn,
  joinAs,
  lobbyNow,
  openPanelAs,
  type PanelWorld,
  privately,
  startPanelWorld,
  ThreadFeed,
} from './panel-harness.js';

let world: PanelWorld;

beforeAll(async () => {
  world = await startPanelWorld();
});

afterAll(async () => {
  await world?.close();
});

/** Opens a panel of ann (host) and bo with two questions each, starts it, and returns ann's turn message. */
async function begun() {
  const { threadId, lobby } = await openPanelAs(world, 'ann', { questions: 2 });
  await joinAs(world, 'bo', lobby);
  const feed = new ThreadFeed(world.fake, threadId);
  click(world, 'ann', lobbyNow(world, lobby), 'Start');
  const turn = await feed.next(isTurn);
  return { threadId, feed, turn };
}

describe('a Talking points button of a turn that is over', () => {
  it('says so privately instead of showing the points of the turn now in play', async () => {
    const { threadId, feed, turn } = await begun();
    await privately(click(world, 'ann', turn, 'Skip'));
    const second = await feed.next(isTurn);
    expect(second.content).toContain(`<@${world.fake.user('bo').id}>, this question is yours`);

    const stale = await privately(click(world, 'ann', turn, 'Talking points'));
    expect(stale.content).toContain('That button belongs to a turn that is over');
    expect(stale.embeds ?? []).toEqual([]);
    const current = await privately(click(world, 'ann', second, 'Talking points'));
    expect(current.embeds?.[0]?.title).toBe("Listen for: bo's answer (turn 2)");
    expect((await world.panel(threadId))?.turns.map((t) => [t.number, t.skipped])).toEqual([
      [1, 'candidate'],
      [2, null],
    ]);
    expect(feed.pending()).toEqual([]);
  });
});

describe('an Answer form sent once its answer is being rated', () => {
  it('is not counted or shown, and the candidate is told why', async () => {
    const { threadId, feed, turn } = await begun();
    let prompt: APIMessage = turn;
    for (;;) {
      await answerByModal(world, 'ann', prompt, story);
      await feed.next((m) => m.embeds?.[0]?.title === "ann's answer (turn 1)");
      prompt = await feed.next((m) => isRate(m) || isFollowUp(m));
      if (isRate(prompt)) break;
    }
    const before = await world.panel(threadId);
    expect(before?.state.phase).toBe('rating');

    const customId = toPanelId({ kind: 'answer', threadId, turn: 1, candidateId: world.fake.user('ann').id });
    const late = world.fake.submitModal({ user: 'ann', customId, fields: { answer: 'One more thing I forgot.' } });
    expect((await privately(late)).content).toBe(
      'Your answer to this turn is already closed and the panel is rating it, so this one was not counted.',
    );
    const after = await world.panel(threadId);
    expect(after?.turns).toEqual(before?.turns);
    expect(after?.state).toEqual(before?.state);
    expect(feed.pending()).toEqual([]);
  });
});
