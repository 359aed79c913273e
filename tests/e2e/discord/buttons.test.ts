import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonId, buttonLabels, dmInbox, Inbox, startWorld, story, textOf, type World } from './harness.js';

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  await world?.close();
});

const isPrompt = (m: APIMessage) => m.content.startsWith('**Question') || m.content.startsWith('**Follow-up**');

/** `/interview start` typed in the DM with the bot: the interview comes back through the interaction. */
async function startInDm(user: string, questions = 3): Promise<{ inbox: Inbox; question: APIMessage }> {
  const inbox = dmInbox(world.fake, user);
  world.fake.dmMessage({ user, content: 'hello' }); // opens the DM channel, as a user would
  await inbox.next((m) => m.content.includes('no interview running'));
  const run = world.fake.slashCommand({
    user,
    name: 'interview',
    subcommand: 'start',
    dm: true,
    options: { questions, skip_intro: true },
  });
  expect((await run.callback()).callbackType).toBe(5);
  const question = await inbox.next((m) => m.content.startsWith('**Question 1'));
  return { inbox, question };
}

function click(user: string, message: APIMessage, label: string) {
  return world.fake.clickButton({ user, messageId: message.id, customId: buttonId(message, label) });
}

async function answerCount(user: string): Promise<number> {
  return (await world.session(user))?.answers.length ?? 0;
}

describe('the question buttons', () => {
  it('Hint defers the update and sends what a strong answer covers, changing nothing', async () => {
    const { inbox, question } = await startInDm('dana');
    const hint = click('dana', question, 'Hint');
    expect(await hint.callback()).toMatchObject({ status: 204, callbackType: 6 });
    const shown = await inbox.next();
    expect(shown.embeds?.[0]?.title).toBe('Hint: what a strong answer covers');
    expect(await answerCount('dana')).toBe(0);
  });

  it('Repeat sends the question again with its buttons', async () => {
    const { inbox, question } = await startInDm('erin');
    click('erin', question, 'Repeat');
    const again = await inbox.next();
    expect(again.content).toBe(question.content);
    expect(buttonLabels(again)).toEqual(['Answer', 'Skip', 'Repeat', 'Hint', 'End']);
  });

  it('Answer opens a 4,000-character modal whose submission is echoed and taken as the answer', async () => {
    const { inbox, question } = await startInDm('finn');
    const open = click('finn', question, 'Answer');
    const shown = await open.callback();
    expect(shown.callbackType).toBe(9);
    const modal = (shown.body as { data: { custom_id: string; components: unknown[] } }).data;
    expect(modal.custom_id).toBe(buttonId(question, 'Answer'));
    expect(JSON.stringify(modal.components)).toContain('"max_length":4000');
    const submit = world.fake.submitModal({ user: 'finn', customId: modal.custom_id, fields: { answer: story } });
    expect((await submit.callback()).callbackType).toBe(6);
    const echo = await inbox.next();
    expect(echo.embeds?.[0]).toMatchObject({ title: 'Your answer' });
    expect(echo.embeds?.[0]?.description).toContain('Last spring at the Camden shop');
    const reply = await inbox.next();
    expect(isPrompt(reply) || reply.embeds?.[0]?.title?.startsWith('Feedback') === true).toBe(true);
    expect((await world.session('finn'))?.answers[0]?.parts).toEqual([story]);
  });

  it('Skip passes the question and asks the next one', async () => {
    const { inbox, question } = await startInDm('gus');
    click('gus', question, 'Skip');
    expect((await inbox.next()).content).toBe('Question 1 skipped.');
    expect((await inbox.next()).content).toMatch(/^\*\*Question 2 of 3\*\*/);
    expect((await world.session('gus'))?.answers).toEqual([expect.objectContaining({ skipped: true, index: 0 })]);
  });
});

describe('ending, and the buttons after feedback', () => {
  it('End gives the report; Model answer and Retry act on the question they name; Start begins afresh', async () => {
    const { inbox, question } = await startInDm('hana', 2);
    world.fake.dmMessage({ user: 'hana', content: story });
    let prompt = await inbox.next((m) => isPrompt(m) || m.embeds?.[0]?.title?.startsWith('Feedback') === true);
    while (!prompt.content.startsWith('**Question 2')) {
      if (prompt.content.startsWith('**Follow-up**')) world.fake.dmMessage({ user: 'hana', content: story });
      prompt = await inbox.next((m) => isPrompt(m));
    }
    click('hana', prompt, 'End');
    const report = await inbox.next((m) => textOf(m).includes('Interview ended early'));
    expect(report.embeds?.[0]?.title).toMatch(/^Interview ended early: \d+\/100$/);
    const over = await world.session('hana');
    expect(over?.state.phase).toBe('finished');

    click('hana', question, 'Hint'); // a question of the finished interview: stale, nothing changes
    const stale = await inbox.next();
    expect(stale).toMatchObject({ flags: 64, content: expect.stringContaining('earlier question') });
    const feedback = world.fake
      .messagesIn(world.fake.dmChannelOf('hana') ?? '')
      .find((m) => m.embeds?.[0]?.title?.startsWith('Feedback on question 1') === true);
    if (feedback === undefined) throw new Error('no feedback on question 1');
    click('hana', feedback, 'Model answer');
    expect((await inbox.next()).embeds?.[0]?.title).toBe('A strong answer to question 1');
    click('hana', feedback, 'Retry');
    expect((await inbox.next()).content).toMatch(/^\*\*Question 1 of 2\*\* \(retry; before: \d+\/100\)/);
    let after: APIMessage | undefined;
    for (let turn = 0; turn < 3 && after === undefined; turn++) {
      world.fake.dmMessage({ user: 'hana', content: story }); // the retry may be probed before it is scored
      const next = await inbox.next(
        (m) => m.content.startsWith('**Follow-up**') || m.content.includes('That was your retry'),
      );
      if (next.content.includes('That was your retry')) after = next;
    }
    if (after === undefined) throw new Error('the retry never finished');
    click('hana', after, 'Start a new interview');
    expect((await inbox.next()).content).toContain('Welcome to your practice interview');
    const fresh = await world.session('hana');
    expect(fresh?.id).not.toBe(over?.id);
  });

  it('Pause by command, then Resume by button, carries on at the same question', async () => {
    const { inbox, question } = await startInDm('ivan');
    world.fake.slashCommand({ user: 'ivan', name: 'interview', subcommand: 'pause', dm: true });
    const paused = await inbox.next((m) => m.content.startsWith('Paused.'));
    expect(buttonLabels(paused)).toEqual(['Resume', 'End']);
    click('ivan', paused, 'Resume');
    expect((await inbox.next()).content).toBe('Welcome back.');
    expect((await inbox.next()).content).toBe(question.content);
  });
});

describe('a stale button', () => {
  it('gets an ephemeral explanation and changes nothing', async () => {
    const { inbox, question } = await startInDm('jade');
    click('jade', question, 'Skip');
    await inbox.next((m) => m.content.startsWith('**Question 2'));
    const before = await world.session('jade');
    const stale = click('jade', question, 'Skip');
    expect((await stale.callback()).callbackType).toBe(6);
    const explained = await stale.nextMessage();
    expect(explained.content).toContain('belongs to an earlier question');
    expect(explained.flags).toBe(64);
    expect(await world.session('jade')).toMatchObject({ answers: before?.answers, state: before?.state });
  });
});

describe("another user's button", () => {
  it('gets an ephemeral refusal at once and touches nobody’s interview', async () => {
    const { question } = await startInDm('kofi');
    const before = await world.session('kofi');
    const foreign = click('lena', question, 'Skip');
    const refusal = await foreign.callback();
    expect(refusal).toMatchObject({ status: 204, callbackType: 4, body: { data: { flags: 64 } } });
    expect((await foreign.nextMessage()).content).toContain("someone else's interview");
    const modal = click('lena', question, 'Answer');
    expect((await modal.callback()).callbackType).toBe(4);
    expect(await world.session('kofi')).toEqual(before);
    expect(await world.session('lena')).toBeUndefined();
  });
});

describe('closed DMs', () => {
  it('says so ephemerally, offers a private thread, and runs the interview there', async () => {
    const { fake } = world;
    fake.closeDms('carol');
    const run = fake.slashCommand({ user: 'carol', name: 'interview', subcommand: 'start', options: { questions: 2 } });
    const offer = await run.nextMessage();
    expect(offer.content).toContain('your DMs are closed');
    expect(offer.flags).toBe(64);
    expect(fake.recordsOf('channel-message').filter((r) => r.status === 403)).toHaveLength(1);
    const useThread = fake.clickButton({
      user: 'carol',
      messageId: offer.id,
      customId: buttonId(offer, 'Use a private thread'),
    });
    const moved = await useThread.nextMessage();
    expect(moved.content).toMatch(/carries on in your private thread <#\d+>/);
    const threadId = /<#(\d+)>/.exec(moved.content)?.[1] ?? '';
    expect(fake.channel(threadId)).toMatchObject({ type: 12, parent_id: fake.channelId });
    const inThread = fake.messagesIn(threadId).map((m) => m.content);
    expect(inThread[0]).toContain('runs in this private thread');
    expect(inThread[1]).toContain('Welcome to your practice interview');
    expect(inThread[2]).toContain('which company are you interviewing with?');
    const intro = fake.messagesIn(threadId)[2] as APIMessage;
    fake.clickButton({ user: 'carol', messageId: intro.id, customId: buttonId(intro, 'Skip') });
    const thread = new Inbox(fake, () => threadId);
    const role = await thread.next((m) => m.content.includes('which kind of role'));
    click('carol', role, 'Skip');
    const question = await thread.next((m) => m.content.startsWith('**Question 1 of 2'));
    const open = click('carol', question, 'Answer');
    const modal = (await open.callback()).body as { data?: { custom_id?: string } };
    fake.submitModal({ user: 'carol', customId: modal.data?.custom_id ?? '', fields: { answer: story } });
    expect((await thread.next()).embeds?.[0]?.title).toBe('Your answer');
    await thread.next(
      (m) => m.content.startsWith('**Follow-up**') || m.embeds?.[0]?.title?.startsWith('Feedback') === true,
    );
    expect((await world.session('carol'))?.answers[0]?.parts).toEqual([story]);
    expect(fake.messagesIn(fake.dmChannelOf('carol') ?? '')).toEqual([]);
  });
});

describe('the forget confirmation', () => {
  it('asks first; Keep deletes nothing; Delete removes the session and the history', async () => {
    const { fake } = world;
    await startInDm('mona');
    const ask = fake.slashCommand({ user: 'mona', name: 'interview', subcommand: 'forget' });
    const confirm = await ask.nextMessage();
    expect(confirm.flags).toBe(64);
    expect(buttonLabels(confirm)).toEqual(['Delete my data', 'Keep my data']);
    const keep = fake.clickButton({ user: 'mona', messageId: confirm.id, customId: buttonId(confirm, 'Keep my data') });
    expect(await keep.callback()).toMatchObject({
      callbackType: 7,
      body: { data: { content: 'Nothing was deleted.', components: [] } },
    });
    expect(await world.session('mona')).toBeDefined();

    const again = fake.slashCommand({ user: 'mona', name: 'interview', subcommand: 'forget' });
    const second = await again.nextMessage();
    expect(() =>
      fake.clickButton({ user: 'nils', messageId: second.id, customId: buttonId(second, 'Delete my data') }),
    ).not.toThrow();
    expect(await world.session('mona')).toBeDefined();
    const remove = fake.clickButton({
      user: 'mona',
      messageId: second.id,
      customId: buttonId(second, 'Delete my data'),
    });
    const done = await remove.nextMessage();
    expect(done.content).toMatch(/^Done: I deleted everything stored about you \(\d+ items?\)\.$/);
    expect(done.components).toEqual([]);
    expect(await world.session('mona')).toBeUndefined();
    const profile = await world.app.store.profiles.get(`discord:${fake.user('mona').id}`);
    expect(profile.ok && profile.value.value).toBeUndefined();
  });
});
