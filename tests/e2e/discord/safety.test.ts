import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIssues } from '../../fakes/discord/index.js';
import { buttonId, dmInbox, sentBodies, startWorld, textOf, type World } from './harness.js';

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  await world?.close();
});

/** Mentions of every kind and markdown of every kind, repeated to `length` characters. */
function hostile(length: number): string {
  const bob = world.fake.user('bob').id;
  const unit =
    `I calmed the customer down @everyone and @here <@&123456789012345678> <@${bob}> <@!${bob}> **bold** __under__ ` +
    '*it* ~~gone~~ ||spoiler|| `code` ```block``` [link](https://example.com)\n# Heading\n- item\n1. first\n> quoted\n';
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

const isPrompt = (m: APIMessage) => m.content.startsWith('**Question') || m.content.startsWith('**Follow-up**');

describe('answers full of mentions and markdown, far over the limits', () => {
  it('are taken, quoted back safely, and nothing the bot sends pings or is refused', async () => {
    const { fake } = world;
    const inbox = dmInbox(fake, 'alice');
    const start = fake.slashCommand({
      user: 'alice',
      name: 'interview',
      subcommand: 'start',
      options: { questions: 2, skip_intro: true },
    });
    await start.nextMessage();
    inbox.skip();

    fake.dmMessage({ user: 'alice', content: hostile(10_000) });
    const cut = await inbox.next();
    expect(cut.content).toContain('read its first 6,000 characters');
    const prompt = await inbox.next((m) => isPrompt(m));
    expect((await world.session('alice'))?.answers[0]?.parts[0]?.length).toBe(6000);

    const answer = fake.clickButton({ user: 'alice', messageId: prompt.id, customId: buttonId(prompt, 'Answer') });
    const modal = (await answer.callback()).body as { data?: { custom_id?: string } };
    const long = hostile(4000);
    fake.submitModal({ user: 'alice', customId: modal.data?.custom_id ?? '', fields: { answer: long } });
    const echo = await inbox.next();
    expect(echo.embeds?.[0]?.title).toBe('Your answer');
    const echoed = [echo, ...inbox.pending().filter((m) => m.embeds?.[0]?.title === undefined)];
    const shown = echoed.flatMap((m) => m.embeds ?? []).map((e) => e.description ?? '');
    expect(shown.join(' ').replaceAll('\u200b', '').replaceAll('\\', '')).toContain('I calmed the customer down');
    await inbox.next((m) => isPrompt(m) || textOf(m).includes('Feedback on question'));
    const parts = (await world.session('alice'))?.answers.flatMap((a) => a.parts) ?? [];
    expect(parts).toContain(long.trim());

    const bodies = sentBodies(fake);
    expect(bodies.length).toBeGreaterThan(5);
    for (const { body } of bodies) {
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(messageIssues(body)).toEqual([]);
    }
    expect(fake.records.filter((r) => r.status >= 400)).toEqual([]);
    const dm = fake.dmChannelOf('alice') ?? '';
    const botMessages = fake.messagesIn(dm).filter((m) => m.author.id === fake.botUser.id);
    for (const message of botMessages) expect(textOf(message)).not.toMatch(/@everyone|@here|<@[!&]?\d/);
  });
});
