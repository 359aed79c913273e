import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonId } from './harness.js';
import {
  answerByModal,
  click,
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

/** Opens a panel of ann (host) and bo with `questions` each, starts it, and returns the first turn message. */
async function begun(questions: number) {
  const { threadId, lobby } = await openPanelAs(world, 'ann', { questions });
  await joinAs(world, 'bo', lobby);
  const feed = new ThreadFeed(world.fake, threadId);
  click(world, 'ann', lobbyNow(world, lobby), 'Start');
  const turn = await feed.next(isTurn);
  return { threadId, feed, turn };
}

const timeUp = 'Time is up for this turn, so the panel moves on.';

describe('a turn nobody answers', () => {
  it('is skipped with a notice once its deadline passes, and the next person is asked', async () => {
    const { threadId, feed } = await begun(1);
    const state = (await world.panel(threadId))?.state;
    const deadline = state?.phase === 'answering' ? state.deadline : 0;
    expect(deadline - world.clock.now).toBe(5 * 60_000);

    world.clock.now = deadline - 1000;
    await world.panels.runtime.tickDue();
    expect(feed.pending()).toEqual([]);

    world.clock.now = deadline;
    await world.panels.runtime.tickDue();
    expect((await feed.next()).content).toBe(timeUp);
    const next = await feed.next();
    expect(next.content).toContain(`**Turn 2** · <@${world.fake.user('bo').id}>`);
    expect((await world.panel(threadId))?.turns.map((t) => t.skipped)).toEqual(['timeout', null]);
  });
});

describe('a restart mid-panel', () => {
  it('resumes with the same turn and deadline, and moves on once when the deadline passes', async () => {
    const { threadId, feed, turn } = await begun(2);
    const before = await world.panel(threadId);
    await world.restart();
    const after = await world.panel(threadId);
    expect(after?.state).toEqual(before?.state);
    expect(after?.turns).toEqual(before?.turns);
    expect(after?.state.phase).toBe('answering');

    const deadline = after?.state.phase === 'answering' ? after.state.deadline : 0;
    world.clock.now = deadline - 1;
    await world.panels.runtime.tickDue();
    expect(feed.pending()).toEqual([]);

    world.clock.now = deadline + 1;
    await world.panels.runtime.tickDue();
    await world.panels.runtime.tickDue();
    expect((await feed.next()).content).toBe(timeUp);
    const second = await feed.next(isTurn);
    expect(second.content).toContain(`<@${world.fake.user('bo').id}>, this question is yours`);
    expect(feed.pending()).toEqual([]);
    const moved = await world.panel(threadId);
    expect(moved?.turns.map((t) => [t.number, t.skipped])).toEqual([
      [1, 'timeout'],
      [2, null],
    ]);

    const stale = await answerByModal(world, 'ann', turn, 'a late answer to the first question');
    expect((await privately(stale)).content).toBe('That was for an earlier turn, so it was not counted.');
    expect((await world.panel(threadId))?.turns).toEqual(moved?.turns);
    expect(feed.pending()).toEqual([]);
    await answerByModal(world, 'bo', second, 'I would say sorry and fix it.');
    const echo = await feed.next();
    expect(echo.embeds?.[0]?.title).toBe("bo's answer (turn 2)");
    expect((await world.panel(threadId))?.turns.map((t) => t.parts)).toEqual([[], ['I would say sorry and fix it.']]);
  });

  it('takes a button sent before the restart: the new process answers it', async () => {
    const { threadId, turn } = await begun(1);
    await world.restart();
    const feed = new ThreadFeed(world.fake, threadId);
    const skipped = world.fake.clickButton({ user: 'ann', messageId: turn.id, customId: buttonId(turn, 'Skip') });
    expect((await skipped.callback()).callbackType).toBe(6);
    expect((await feed.next()).content).toBe('The candidate passed.');
    expect((await world.panel(threadId))?.turns.map((t) => t.skipped)).toEqual(['candidate', null]);
  });
});

describe('the Talking points button after a restart', () => {
  it('still shows the panelist the points of the turn in play, read from the store', async () => {
    const { threadId, turn } = await begun(1);
    await world.restart();
    const feed = new ThreadFeed(world.fake, threadId);
    const points = await privately(click(world, 'bo', turn, 'Talking points'));
    expect(points.embeds?.[0]?.title).toBe("Listen for: ann's answer (turn 1)");
    expect(points.embeds?.[0]?.description).toMatch(/^• \*\*.+\*\*: /);
    const own = await privately(click(world, 'ann', turn, 'Talking points'));
    expect(own.content).toBe('It is your turn: the talking points are for the others.');
    expect(feed.pending()).toEqual([]);
  });
});
