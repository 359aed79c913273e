import type { APIMessage } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import type { Profile, Session } from '../../../src/engine/index.js';
import { type App, createRuntime } from '../../../src/runtime/index.js';
import type { Store } from '../../../src/store/index.js';
import { buttonId, dmInbox, silent, startWorld, story, textOf, type World } from './harness.js';

let world: World | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

const SLOW_MS = 3200;
const isPrompt = (m: APIMessage) => m.content.startsWith('**Question') || m.content.startsWith('**Follow-up**');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The same store, but every session update waits first: a store slower than Discord's three seconds. */
function slowStore(store: Store<Session, Profile>): Store<Session, Profile> {
  const { sessions } = store;
  return {
    ...store,
    sessions: {
      ...sessions,
      update: async (key, fn) => {
        await sleep(SLOW_MS);
        return sessions.update(key, fn);
      },
    },
  };
}

function slowApp(app: App): App {
  const runtime = createRuntime({
    store: slowStore(app.store),
    library: app.library,
    logger: silent,
    sessionTtlMs: 3_600_000,
    rateLimitPerMinute: 1000,
  });
  return { ...app, runtime };
}

describe('a store slower than the interaction deadline', () => {
  it('still acknowledges the slash command and the button within three seconds, then delivers', async () => {
    world = await startWorld({ wrap: slowApp });
    const { fake } = world;
    const inbox = dmInbox(fake, 'alice');
    const sent = Date.now();
    const run = fake.slashCommand({
      user: 'alice',
      name: 'interview',
      subcommand: 'start',
      options: { questions: 2, skip_intro: true },
    });
    const deferred = await run.callback();
    expect(deferred).toMatchObject({ status: 204, callbackType: 5 });
    expect(deferred.at - sent).toBeLessThan(3000);
    const question = await inbox.next((m) => m.content.startsWith('**Question 1'), 3 * SLOW_MS);
    const ack = await run.nextMessage(2 * SLOW_MS);
    expect(ack.content).toContain("I've sent you a DM");
    expect(Date.now() - sent).toBeGreaterThanOrEqual(SLOW_MS);

    const clicked = Date.now();
    const skip = fake.clickButton({ user: 'alice', messageId: question.id, customId: buttonId(question, 'Skip') });
    const update = await skip.callback();
    expect(update).toMatchObject({ status: 204, callbackType: 6 });
    expect(update.at - clicked).toBeLessThan(3000);
    expect((await inbox.next((m) => isPrompt(m), 3 * SLOW_MS)).content).toMatch(/^\*\*Question 2 of 2/);
    expect(fake.records.filter((r) => r.status >= 400)).toEqual([]);
  }, 30_000);
});

describe('the bot restarting mid-interview', () => {
  it('carries on where the user was: a DM answer and a button sent before the restart both work', async () => {
    world = await startWorld();
    const { fake } = world;
    const inbox = dmInbox(fake, 'alice');
    fake.slashCommand({
      user: 'alice',
      name: 'interview',
      subcommand: 'start',
      options: { questions: 3, skip_intro: true },
    });
    let prompt = await inbox.next((m) => isPrompt(m));
    while (!prompt.content.startsWith('**Question 2')) {
      fake.dmMessage({ user: 'alice', content: story });
      prompt = await inbox.next((m) => isPrompt(m));
    }
    const before = await world.session('alice');

    await world.restart();
    expect(fake.sessions().filter((s) => s.connected)).toHaveLength(1);
    expect(await world.session('alice')).toEqual(before);

    const hint = fake.clickButton({ user: 'alice', messageId: prompt.id, customId: buttonId(prompt, 'Hint') });
    expect((await hint.callback()).status).toBe(204);
    expect((await inbox.next()).embeds?.[0]?.title).toBe('Hint: what a strong answer covers');
    fake.dmMessage({ user: 'alice', content: story });
    const next = await inbox.next();
    expect(textOf(next)).toMatch(/question 2 of 3/i);
    const after = await world.session('alice');
    expect(after?.id).toBe(before?.id);
    expect(after?.answers.map((a) => a.index)).toEqual([0, 1]);
  });
});

describe('several answers at once', () => {
  it('keeps two users apart and loses nothing when one sends answers in quick succession', async () => {
    world = await startWorld();
    const { fake } = world;
    const alice = dmInbox(fake, 'alice');
    const bob = dmInbox(fake, 'bob');
    const options = { questions: 3, skip_intro: true };
    fake.slashCommand({ user: 'alice', name: 'interview', subcommand: 'start', options });
    fake.slashCommand({ user: 'bob', name: 'interview', subcommand: 'start', options });
    await Promise.all([alice.next((m) => isPrompt(m)), bob.next((m) => isPrompt(m))]);

    const answers = ['First: I greet every customer by name.', 'Second: I listen before I answer.', story];
    for (const content of answers) fake.dmMessage({ user: 'alice', content });
    fake.dmMessage({ user: 'bob', content: 'Bob: I stay patient with everyone.' });

    const w = world;
    await expect
      .poll(async () => (await w.session('alice'))?.answers.flatMap((a) => a.parts), { timeout: 5000 })
      .toEqual(expect.arrayContaining(answers));
    await expect
      .poll(async () => (await w.session('bob'))?.answers.flatMap((a) => a.parts), { timeout: 5000 })
      .toEqual(['Bob: I stay patient with everyone.']);
    const [aliceSession, bobSession] = [await w.session('alice'), await w.session('bob')];
    expect(aliceSession?.answers.flatMap((a) => a.parts)).toEqual(answers);
    await expect
      .poll(() => alice.pending().filter((m) => isPrompt(m) || m.embeds !== undefined).length)
      .toBeGreaterThanOrEqual(3);
    const aliceMessages = fake.messagesIn(fake.dmChannelOf('alice') ?? '');
    const asked = aliceMessages.filter(isPrompt).map((m) => Number(/question (\d+)/i.exec(m.content)?.[1]));
    expect(asked).toEqual([...asked].sort((x, y) => x - y));
    const bobMessages = fake.messagesIn(fake.dmChannelOf('bob') ?? '');
    expect(aliceMessages.some((m) => textOf(m).includes('⚠️'))).toBe(false);
    const ids = (messages: APIMessage[]) => JSON.stringify(messages.map((m) => m.components ?? []));
    expect(ids(aliceMessages)).not.toContain(bobSession?.id ?? 'none');
    expect(ids(bobMessages)).not.toContain(aliceSession?.id ?? 'none');
    expect(ids(bobMessages)).not.toContain(fake.user('alice').id);
  });
});
