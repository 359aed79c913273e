import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonLabels, dmInbox, sentBodies, startWorld, story, textOf, type World } from './harness.js';

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  await world?.close();
});

const isQuestion = (m: APIMessage) => m.content.startsWith('**Question');
const isFollowUp = (m: APIMessage) => m.content.startsWith('**Follow-up**');

describe('a whole interview from /interview start to the report', () => {
  it('acknowledges in the server, runs in DMs, probes, gives feedback embeds and a report', async () => {
    const { fake } = world;
    const inbox = dmInbox(fake, 'alice');
    const run = fake.slashCommand({
      user: 'alice',
      name: 'interview',
      subcommand: 'start',
      options: { questions: 2, skip_intro: true, company: 'Northwind' },
    });
    const callback = await run.callback();
    expect(callback).toMatchObject({ status: 204, callbackType: 5, body: { data: { flags: 64 } } });
    const ack = await run.nextMessage();
    expect(ack.content).toContain("I've sent you a DM");
    expect(ack.flags).toBe(64);
    const [welcome, first, ...more] = inbox.pending();
    expect(more).toEqual([]);
    expect(welcome?.content).toContain('Welcome to your practice interview: 2 questions');
    expect(first?.content).toMatch(/^\*\*Question 1 of 2\*\*/);
    expect(buttonLabels(first as APIMessage)).toEqual(['Answer', 'Skip', 'Repeat', 'Hint', 'End']);
    inbox.skip();

    const vague = 'I always stay calm and friendly with every customer who walks in';
    fake.dmMessage({ user: 'alice', content: vague });
    const probe = await inbox.next();
    expect(isFollowUp(probe)).toBe(true);
    const quoted = /“([^”]+)”|"([^"]+)"/.exec(probe.content);
    expect(vague).toContain(quoted?.[1] ?? quoted?.[2] ?? '(no quote)');
    expect(buttonLabels(probe)).toEqual(['Answer', 'Skip', 'Repeat', 'Hint', 'End']);

    let feedback: APIMessage | undefined;
    for (let turn = 0; turn < 3 && feedback === undefined; turn++) {
      fake.dmMessage({ user: 'alice', content: story });
      const next = await inbox.next();
      if (next.embeds?.[0]?.title?.startsWith('Feedback on question 1 of 2') === true) feedback = next;
      else expect(isFollowUp(next)).toBe(true);
    }
    expect(feedback?.embeds?.[0]?.fields?.map((f) => f.name)).toContain('Score breakdown');
    expect(buttonLabels(feedback as APIMessage)).toEqual(['Model answer (question 1)', 'Retry (question 1)']);
    expect(isQuestion(await inbox.next())).toBe(true);

    let report: APIMessage | undefined;
    for (let turn = 0; turn < 4 && report === undefined; turn++) {
      fake.dmMessage({ user: 'alice', content: story });
      const next = await inbox.next((m) => isFollowUp(m) || textOf(m).includes('Interview complete'));
      if (textOf(next).includes('Interview complete')) report = next;
    }
    expect(report?.embeds?.[0]?.title).toMatch(/^Interview complete: \d+\/100$/);
    expect(textOf(report as APIMessage)).toContain('Feedback on question 2');

    const session = await world.session('alice');
    expect(session?.state.phase).toBe('finished');
    expect(session?.answers.filter((a) => a.score !== null)).toHaveLength(2);
    const profile = await world.app.store.profiles.get(`discord:${fake.user('alice').id}`);
    expect(profile.ok && profile.value.value?.history).toHaveLength(1);
  });

  it('sends every message with allowed_mentions parse [] and has nothing refused', () => {
    const bodies = sentBodies(world.fake);
    expect(bodies.length).toBeGreaterThanOrEqual(7);
    for (const { body } of bodies) expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(world.fake.records.filter((r) => r.status >= 400)).toEqual([]);
  });
});
