import { PermissionFlagsBits } from 'discord.js';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PanelSession } from '../../../src/engine/index.js';
import { MEMBER_PERMISSIONS } from '../../fakes/discord/index.js';
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

/** `/panel <subcommand>` in a panel's thread; resolves with the private reply. */
async function command(user: string, threadId: string, subcommand: string, options = {}): Promise<APIMessage> {
  const run = world.fake.slashCommand({ user, name: 'panel', subcommand, channelId: threadId, options });
  return privately(run);
}

const id = (name: string) => world.fake.user(name).id;

/** What a panel is at: who is in, who hosts, the turns and the state (not the ids of the events it has seen). */
function played(session: PanelSession | undefined) {
  return (
    session && {
      participants: session.participants,
      hostId: session.hostId,
      turns: session.turns,
      state: session.state,
    }
  );
}

describe('host controls used by someone who is not the host', () => {
  it('explain privately and change nothing; a member who may manage threads can use them', async () => {
    const { threadId, lobby } = await openPanelAs(world, 'ann', { questions: 2 });
    await joinAs(world, 'bo', lobby);
    const feed = new ThreadFeed(world.fake, threadId);
    expect((await command('bo', threadId, 'start')).content).toBe(
      'Only the host (or a channel manager) can start the panel.',
    );
    const start = click(world, 'bo', lobbyNow(world, lobby), 'Start');
    expect((await privately(start)).content).toBe('Only the host (or a channel manager) can start the panel.');
    expect((await world.panel(threadId))?.state.phase).toBe('lobby');
    expect(feed.pending()).toEqual([]);

    click(world, 'ann', lobbyNow(world, lobby), 'Start');
    const turn = await feed.next(isTurn);
    const before = played(await world.panel(threadId));
    expect((await privately(click(world, 'bo', turn, 'Skip'))).content).toBe(
      'Only the host (or a channel manager) can skip a turn.',
    );
    expect((await command('bo', threadId, 'end')).content).toBe(
      'Only the host (or a channel manager) can end the panel.',
    );
    expect((await command('bo', threadId, 'remove', { member: id('ann') })).content).toBe(
      'Only the host (or a channel manager) can remove someone.',
    );
    expect((await privately(click(world, 'bo', turn, 'Answer'))).content).toBe(
      `It is <@${id('ann')}>'s turn to answer, and only their answer counts. You rate it once they are done.`,
    );
    expect(played(await world.panel(threadId))).toEqual(before);
    expect(feed.pending()).toEqual([]);

    world.fake.setPermissions('dee', PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ManageThreads);
    expect((await command('dee', threadId, 'skip')).content).toBe('Done.');
    expect((await feed.next()).content).toBe('The host skipped this turn.');
    expect((await feed.next(isTurn)).content).toContain(`<@${id('bo')}>, this question is yours`);

    const moved = played(await world.panel(threadId));
    const stale = await privately(click(world, 'ann', turn, 'Skip'));
    expect(stale.content).toBe('That turn is already over, so nothing changed.');
    expect(played(await world.panel(threadId))).toEqual(moved);
    expect(moved?.turns.map((t) => t.skipped)).toEqual(['host', null]);
    expect(feed.pending()).toEqual([]);
  });

  it('points to the thread when used outside it', async () => {
    const run = world.fake.slashCommand({ user: 'ann', name: 'panel', subcommand: 'status' });
    expect((await privately(run)).content).toBe("Use `/panel status` inside the panel's thread.");
  });
});

describe('a participant who leaves mid-turn, a late joiner and a removal', () => {
  it('skip the leaver, put the late joiner into the rotation, and skip whoever the host removes', async () => {
    const { threadId, lobby } = await openPanelAs(world, 'ann');
    await joinAs(world, 'bo', lobby);
    await joinAs(world, 'cy', lobby);
    const feed = new ThreadFeed(world.fake, threadId);
    click(world, 'ann', lobbyNow(world, lobby), 'Start');
    await feed.next(isTurn);
    const points = await command('ann', threadId, 'skip');
    expect(points.embeds?.[0]?.title).toBe("Listen for: bo's answer (turn 2)");
    expect((await feed.next()).content).toBe('The candidate passed.');
    await feed.next(isTurn);

    const left = click(world, 'bo', lobbyNow(world, lobby), 'Leave');
    expect((await left.callback()).callbackType).toBe(6);
    expect((await feed.next()).content).toBe('bo left mid-turn, so their turn is skipped.');
    expect((await feed.next(isTurn)).content).toContain(`<@${id('cy')}>, this question is yours`);
    expect(lobbyNow(world, lobby).content).toContain('**In the panel (2):** ann (host), cy');

    await joinAs(world, 'dee', lobby);
    expect(lobbyNow(world, lobby).content).toContain('**In the panel (3):** ann (host), cy, dee');
    expect(world.fake.threadMembers(threadId)).toContain(id('dee'));
    expect((await feed.next()).content).toBe('dee joined and enters the rotation.');
    expect((await command('cy', threadId, 'skip')).embeds?.[0]?.title).toBe("Listen for: dee's answer (turn 4)");
    const deesTurn = await feed.next(isTurn);
    expect(deesTurn.content).toContain(`<@${id('dee')}>, this question is yours`);

    expect((await command('ann', threadId, 'remove', { member: id('dee') })).content).toBe('Done.');
    expect((await feed.next()).content).toBe('The host removed dee from the panel. Their turn is skipped.');
    const summary = await feed.next();
    expect(summary.embeds?.[0]?.title).toBe('Panel summary');
    const turns = (await world.panel(threadId))?.turns.map((t) => [t.candidateId, t.skipped]);
    expect(turns).toEqual([
      [id('ann'), 'candidate'],
      [id('bo'), 'left'],
      [id('cy'), 'candidate'],
      [id('dee'), 'left'],
    ]);
  });
});

describe('a panelist who leaves, and one the host removes, while someone else answers', () => {
  it('update the lobby message and leave the turn in play as it was', async () => {
    const { threadId, lobby } = await openPanelAs(world, 'ann');
    for (const user of ['bo', 'cy', 'dee']) await joinAs(world, user, lobby);
    const feed = new ThreadFeed(world.fake, threadId);
    click(world, 'ann', lobbyNow(world, lobby), 'Start');
    await feed.next(isTurn);
    const turns = (await world.panel(threadId))?.turns;
    expect(lobbyNow(world, lobby).content).toContain('**In the panel (4):** ann (host), bo, cy, dee');

    expect((await command('cy', threadId, 'leave')).content).toBe('Done.');
    expect((await feed.next()).content).toBe('cy left the panel.');
    expect(lobbyNow(world, lobby).content).toContain('**In the panel (3):** ann (host), bo, dee');

    expect((await command('ann', threadId, 'remove', { member: id('dee') })).content).toBe('Done.');
    expect((await feed.next()).content).toBe('The host removed dee from the panel.');
    expect(lobbyNow(world, lobby).content).toContain('**In the panel (2):** ann (host), bo');
    const session = await world.panel(threadId);
    expect(session?.turns).toEqual(turns);
    expect(session?.state.phase).toBe('answering');
    expect(feed.pending()).toEqual([]);
  });
});

describe('a thread message without the Message Content intent', () => {
  it('reaches no one, counts for nothing, and the turn message points to the Answer button', async () => {
    const { threadId, lobby } = await openPanelAs(world, 'ann');
    await joinAs(world, 'bo', lobby);
    const feed = new ThreadFeed(world.fake, threadId);
    click(world, 'ann', lobbyNow(world, lobby), 'Start');
    const turn = await feed.next(isTurn);
    expect(turn.content).toContain('Press **Answer** to answer (I cannot read messages typed in this thread)');
    const typed = world.fake.threadMessage({ user: 'ann', threadId, content: 'My typed answer' });
    expect(typed.deliveredTo).toBe(0);
    await answerByModal(world, 'ann', turn, 'My answer through the form');
    await feed.next();
    expect((await world.panel(threadId))?.turns[0]?.parts).toEqual(['My answer through the form']);
  });
});

describe('a channel where the bot may not create private threads', () => {
  it('runs the panel in a public thread from the lobby message, says so, and notes closed DMs in the thread', async () => {
    const { fake } = world;
    fake.setBotPermissions(BigInt(MEMBER_PERMISSIONS) & ~PermissionFlagsBits.CreatePrivateThreads);
    try {
      const run = fake.slashCommand({ user: 'ann', name: 'panel', subcommand: 'open' });
      const said = await privately(run, (m) => m.content.includes('public thread'));
      const threadId = /<#(\d+)>/.exec(said.content)?.[1] ?? '';
      expect(fake.channel(threadId)).toMatchObject({ type: 11, parent_id: fake.channelId });
      const lobby = fake.message(threadId);
      expect(lobby?.content).toContain('**Mock-interview panel** hosted by');
      if (lobby === undefined) return;
      await joinAs(world, 'bo', lobby);
      const feed = new ThreadFeed(fake, threadId);
      click(world, 'ann', lobbyNow(world, lobby), 'Start');
      const turn = await feed.next(isTurn);
      await answerByModal(world, 'ann', turn, 'I listened, said sorry, and swapped the faulty kettle the same day.');
      await feed.next();
      fake.closeDms('ann');
      expect((await command('ann', threadId, 'end')).content).toBe('Done.');
      await feed.next((m) => m.content === 'The host ended the panel.');
      await feed.next((m) => m.embeds?.[0]?.title === 'Panel summary (ended early)');
      const note = await feed.next((m) => m.content.includes('could not DM you your feedback'));
      expect(note.content).toContain(`<@${id('ann')}>`);
    } finally {
      fake.openDms('ann');
      fake.setBotPermissions(BigInt(MEMBER_PERMISSIONS));
    }
  });
});
