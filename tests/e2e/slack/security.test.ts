import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { succeeded } from '../../fakes/slack/index.js';
import { answer, contentOf, type Harness, posted, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mode: 'http' });
});
afterAll(async () => {
  await h.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a request Slack did not sign', () => {
  it.each([
    ['a tampered signature', { tamper: true }],
    ['a wrong secret', { signingSecret: 'ffffffffffffffffffffffffffffffff' }],
    ['a stale timestamp', { stale: true }],
  ] as const)('with %s is refused with 401, and nothing is called or stored', async (_name, options) => {
    const user = 'U0INTRUDE1';
    const before = h.fake.calls().length;
    const message = await h.fake.sendEvent(h.url, h.fake.payloads.dmMessage({ user, text: 'start' }), options);
    const command = await h.fake.sendSlashCommand(h.url, { command: '/interview', user, text: 'start 2' }, options);
    expect([message.status, command.status]).toEqual([401, 401]);
    await pause(100);
    expect(h.fake.calls().slice(before)).toEqual([]);
    expect(await h.session(user)).toBeUndefined();
  });
});

describe('an answer full of Slack markup and far over the limits', () => {
  const user = 'U0MALLORY1';
  // Slack sends a typed @channel, mention or link as <…> markup, and escapes what the user typed literally.
  const injection =
    'When a customer shouted <!channel> at me, I asked <@U123> for help &amp; read <https://evil.example|click>, ' +
    'then I listened to &lt;!here&gt; and apologised and fixed it.';
  const huge = `${injection} ${'patience '.repeat(5_600)}`;

  it('pings nobody, links nothing, and stays within every Slack limit', async () => {
    expect(huge.length).toBeGreaterThan(50_000);
    await h.command({ command: '/interview', user, text: 'start 2 retail Acme' });
    await posted(h, user, /^\*Question 1 of 2\*/);
    const from = h.fake.calls('chat.postMessage').length;
    await answer(h, user, huge);
    await answer(h, user, injection);
    const calls = h.fake.calls('chat.postMessage').slice(from);
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every(succeeded)).toBe(true);
    const shown = h.fake.messages(user).map(contentOf).join('\n');
    for (const raw of ['<!channel>', '<!here>', '<@U123>', '<https://evil.example', 'evil.example|'])
      expect(shown).not.toContain(raw);
    expect(shown).not.toMatch(/<[!@#]|<https?:/);
    // Our own markup never uses `<`, and the pack's text has no `&`, `<` or `>`: these come from the answer, escaped.
    expect(shown).not.toContain('<');
    expect(shown).toMatch(/&amp;|&lt;|&gt;/);
  });

  it('records the answer as the words the candidate typed, cut by the engine rather than refused', async () => {
    const first = (await h.session(user))?.answers[0]?.parts[0] ?? '';
    expect(first).toMatch(/^When a customer shouted @channel at me, I asked @U123 for help & read click, /);
    expect(first).toContain('then I listened to <!here> and apologised');
    expect(first.length).toBeLessThan(huge.length);
  });
});
