import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, type Harness, posted, startHarness, until } from './harness.js';
import { story, vague } from './scenario.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mode: 'http' });
});
afterAll(async () => {
  await h.close();
});

/** Sends `help` and waits for it: one user's turns run in order, so everything sent before has been handled. */
async function flush(user: string) {
  const from = h.fake.messages(user).length;
  await h.dm(user, 'help');
  await posted(h, user, /^How to practise an interview with me/, from);
}

/** Messages that answer an answer: a follow-up or feedback. */
const answersTo = (texts: readonly string[]) =>
  texts.filter((t) => t.startsWith('*Follow-up on') || t.startsWith('Feedback on'));

describe('an event Slack delivers again (same event id)', () => {
  const user = 'U0RETRY001';

  it('records the answer once and replies once when the retries come after the reply', async () => {
    await h.command({ command: '/interview', user, text: 'start 2 retail Acme' });
    await posted(h, user, /^\*Question 1 of 2\*/);
    const first = await answer(h, user, vague, { eventId: 'Ev0RETRY0001' });
    const posts = h.fake.calls('chat.postMessage').length;
    await h.dm(user, vague, { eventId: 'Ev0RETRY0001', retryNum: 1 });
    await h.dm(user, vague, { eventId: 'Ev0RETRY0001', retryNum: 2 });
    await flush(user);
    expect(h.fake.calls('chat.postMessage')).toHaveLength(posts + 1);
    expect(answersTo(first.map((m) => m.text))).toHaveLength(1);
    const session = await h.session(user);
    expect(session?.answers).toHaveLength(1);
    expect(session?.answers[0]?.parts).toEqual([vague]);
  });

  it('records the answer once and replies once when all three deliveries arrive together', async () => {
    const from = h.fake.messages(user).length;
    await Promise.all([1, 2, 3].map((n) => h.dm(user, story, { eventId: 'Ev0RETRY0002', retryNum: n - 1 })));
    await flush(user);
    const texts = h.fake
      .messages(user)
      .slice(from)
      .map((m) => m.text);
    expect(answersTo(texts)).toHaveLength(1);
    expect((await h.session(user))?.answers[0]?.parts).toEqual([vague, story]);
  });
});

describe('acknowledging within Slack’s 3 seconds', () => {
  it('acks a slash command at once and posts its replies afterwards, however slow Slack is', async () => {
    const user = 'U0SLOWPOST';
    h.fake.delay('chat.postMessage', 1_000, 1);
    const started = Date.now();
    await h.command({ command: '/interview', user, text: 'start 2 retail Acme' });
    expect(Date.now() - started).toBeLessThan(800);
    expect(h.fake.messages(user)).toHaveLength(0);
    await until('the first question', () => h.fake.messages(user).length === 2, 6_000);
    expect(h.fake.messages(user)[1]?.text).toMatch(/^\*Question 1 of 2\*/);
  });
});

describe('a reply Slack refuses', () => {
  it('does not stop the replies after it, and the one error funnel apologises to the user', async () => {
    const user = 'U0REFUSED1';
    const from = h.fake.calls('chat.postMessage').length;
    h.fake.fail('chat.postMessage', 'invalid_blocks', 1);
    await h.dm(user, 'start');
    const apology = await h.fake.waitFor('chat.postMessage', (c) => String(c.args.text).startsWith('Sorry'));
    expect(apology.response.ok).toBe(true);
    const answers = h.fake
      .calls('chat.postMessage')
      .slice(from)
      .map((c) => c.response.error ?? String(c.args.text));
    expect(answers).toEqual([
      'invalid_blocks',
      expect.stringContaining('which company are you interviewing with?'),
      expect.stringMatching(/^Sorry/),
    ]);
    expect((await h.session(user))?.state.phase).toBe('intro');
  });
});

describe('the app restarting mid-interview (a new App on the same store)', () => {
  const user = 'U0RESTART1';

  it('lets the user carry on where they were', async () => {
    await h.command({ command: '/interview', user, text: 'start 3 retail Acme' });
    await posted(h, user, /^\*Question 1 of 3\*/);
    let seen = (await answer(h, user, story)).map((m) => m.text);
    while (!seen.some((t) => t.startsWith('*Question 2 of 3*')))
      seen = (await answer(h, user, story)).map((m) => m.text);
    const before = await h.session(user);

    await h.restart();

    const from = h.fake.messages(user).length;
    await h.command({ command: '/interview', user, text: 'status' });
    await posted(h, user, /^Question 2 of 3: 1 answered, 0 skipped\./, from);
    const next = (await answer(h, user, story)).map((m) => m.text);
    expect(next.some((t) => /^(\*Follow-up on question 2 of 3\*|Feedback on question 2 of 3)/.test(t))).toBe(true);
    expect(
      h.fake
        .messages(user)
        .slice(from)
        .some((m) => m.text.includes('no interview running')),
    ).toBe(false);
    const after = await h.session(user);
    expect(after?.id).toBe(before?.id);
    expect(after?.answers.length).toBeGreaterThan(before?.answers.length ?? 0);
  });
});

describe('a rate-limited chat.postMessage (HTTP 429 with Retry-After)', () => {
  let limited: Harness;
  beforeAll(async () => {
    limited = await startHarness({
      clientOptions: (fake) => ({
        ...fake.clientOptions(),
        retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 },
        rejectRateLimitedCalls: false,
      }),
    });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('is tried again after the wait, and every reply arrives once and in order', async () => {
    const user = 'U0LIMITED1';
    limited.fake.rateLimit('chat.postMessage', 1, 1);
    await limited.dm(user, 'start');
    await until('both opening messages', () => limited.fake.messages(user).length === 2, 5_000);
    const calls = limited.fake.calls('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200, 200]);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(limited.fake.messages(user).map((m) => m.text.slice(0, 30))).toEqual([
      'Welcome to your practice inter',
      'Before we start: which company',
    ]);
  });
});
