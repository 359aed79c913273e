import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type AppOptions, type Logger, LogLevel } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkMessage, checkView, type FakeSlack, startFakeSlack, succeeded } from './slack/index.js';

/** Bolt's logger, kept quiet: refusals are expected here, so its lines are collected rather than printed. */
function quietLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const keep = (...parts: unknown[]) => {
    lines.push(parts.map(String).join(' '));
  };
  const ignore = () => {};
  return {
    lines,
    debug: ignore,
    info: keep,
    warn: keep,
    error: keep,
    setLevel: ignore,
    getLevel: () => LogLevel.INFO,
    setName: ignore,
  };
}

let fake: FakeSlack;
const running: App[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((app) => app.stop()));
  fake.clearFaults();
  fake.clearCalls();
});
afterAll(async () => {
  await fake.close();
});

/** A real Bolt App on the default HTTPReceiver at a free port, talking to the fake; with its Request URL. */
async function startHttpApp(
  register: (app: App) => void,
  clientOptions: AppOptions['clientOptions'] = fake.clientOptions(),
) {
  const logger = quietLogger();
  const app = new App({
    token: fake.identity.botToken,
    signingSecret: fake.identity.signingSecret,
    logger,
    clientOptions,
  });
  register(app);
  running.push(app);
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  return { app, logger, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events` };
}

/** A real Bolt App in Socket Mode, connected to the fake (start() resolves on Slack's `hello`). */
async function startSocketApp(register: (app: App) => void) {
  const app = new App({
    token: fake.identity.botToken,
    appToken: fake.identity.appToken,
    socketMode: true,
    logger: quietLogger(),
    clientOptions: fake.clientOptions(),
  });
  register(app);
  running.push(app);
  await app.start();
  return app;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('HTTP mode: a signed DM message event', () => {
  it('reaches app.message, and say() lands as chat.postMessage in the DM', async () => {
    const { url } = await startHttpApp((app) => {
      app.message(/practice/, async ({ say }) => {
        await say('Let us practise.');
      });
    });
    const delivery = await fake.sendEvent(
      url,
      fake.payloads.dmMessage({ user: 'U0ALICE001', text: 'I want to practice' }),
    );
    expect(delivery.status).toBe(200);
    const call = await fake.waitFor('chat.postMessage', (c) => c.args.text === 'Let us practise.');
    expect(call.args.channel).toBe(fake.dmChannel('U0ALICE001'));
    expect(succeeded(call)).toBe(true);
    expect(fake.messages('U0ALICE001').map((m) => m.text)).toEqual(['Let us practise.']);
  });
});

describe('HTTP mode: a slash command', () => {
  it('is acked, and its respond() and say() land', async () => {
    const { url } = await startHttpApp((app) => {
      app.command('/interview', async ({ ack, respond, say, command }) => {
        await ack('Starting…');
        await respond({ text: `You asked for: ${command.text}` });
        await say('A new interview begins.');
      });
    });
    const delivery = await fake.sendSlashCommand(url, { command: '/interview', text: 'start', user: 'U0BOB00001' });
    expect(delivery).toMatchObject({ status: 200, body: 'Starting…' });
    expect((await fake.waitFor('response_url')).args.text).toBe('You asked for: start');
    const said = await fake.waitFor('chat.postMessage', (c) => c.args.text === 'A new interview begins.');
    expect(said.args.channel).toBe(fake.dmChannel('U0BOB00001'));
  });
});

describe('HTTP mode: a block_actions click', () => {
  it('reaches app.action with the clicked button, and respond() replaces the message', async () => {
    const clicked: unknown[] = [];
    const { app, url } = await startHttpApp((a) => {
      a.action('skip_question', async ({ ack, action, respond }) => {
        await ack();
        clicked.push(action);
        await respond({ replace_original: true, text: 'Skipped.' });
      });
    });
    const button = {
      type: 'button',
      action_id: 'skip_question',
      value: 'q-3',
      text: { type: 'plain_text', text: 'Skip' },
    } as const;
    const posted = await app.client.chat.postMessage({
      channel: 'U0CAROL001',
      text: 'Question 3',
      blocks: [{ type: 'actions', block_id: 'controls', elements: [button] }],
    });
    const click = fake.payloads.blockActions({ user: 'U0CAROL001', actionId: 'skip_question' });
    expect((await fake.sendAction(url, click)).status).toBe(200);
    await fake.waitFor('response_url', (c) => c.args.text === 'Skipped.');
    expect(clicked).toEqual([
      expect.objectContaining({ action_id: 'skip_question', block_id: 'controls', value: 'q-3' }),
    ]);
    expect(fake.messages('U0CAROL001')).toEqual([expect.objectContaining({ ts: posted.ts, text: 'Skipped.' })]);
  });
});

describe('HTTP mode: app_home_opened', () => {
  it('leads to views.publish, kept as the user’s Home', async () => {
    const section = { type: 'section', text: { type: 'mrkdwn', text: 'Welcome home' } };
    const { url } = await startHttpApp((app) => {
      app.event('app_home_opened', async ({ event, client }) => {
        await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [section] } });
      });
    });
    await fake.sendEvent(url, fake.payloads.appHomeOpened({ user: 'U0DAVE0001' }));
    expect((await fake.waitFor('views.publish')).args.user_id).toBe('U0DAVE0001');
    expect(fake.homeView('U0DAVE0001')?.blocks).toEqual([section]);
  });
});

describe('HTTP mode: a modal', () => {
  it('opens with the command’s trigger id, and its view_submission reaches app.view with the values', async () => {
    const submitted: unknown[] = [];
    const { url } = await startHttpApp((app) => {
      app.command('/answer', async ({ ack, body, client }) => {
        await ack();
        const input = { type: 'plain_text_input', action_id: 'text' };
        const blocks = [
          { type: 'input', block_id: 'answer', label: { type: 'plain_text', text: 'Answer' }, element: input },
        ];
        const title = { type: 'plain_text', text: 'Your answer' } as const;
        await client.views.open({
          trigger_id: body.trigger_id,
          view: { type: 'modal', callback_id: 'answer', title, blocks },
        });
      });
      app.view('answer', async ({ ack, view }) => {
        submitted.push(view.state.values);
        await ack({ response_action: 'errors', errors: { answer: 'Too short' } });
      });
    });
    await fake.sendSlashCommand(url, { command: '/answer', user: 'U0MIA00001' });
    const opened = await fake.waitFor('views.open', succeeded);
    const viewId = (opened.response.view as { id: string }).id;
    const values = { answer: { text: { type: 'plain_text_input', value: 'Hi' } } };
    const delivery = await fake.sendAction(url, fake.payloads.viewSubmission({ user: 'U0MIA00001', viewId, values }));
    expect(delivery.json).toEqual({ response_action: 'errors', errors: { answer: 'Too short' } });
    expect(submitted).toEqual([values]);
  });
});

describe('HTTP mode: a retried event', () => {
  it('carries x-slack-retry-num and x-slack-retry-reason into the listener’s context', async () => {
    const seen: unknown[] = [];
    const { url } = await startHttpApp((app) => {
      app.message(async ({ context }) => {
        seen.push([context.retryNum, context.retryReason]);
      });
    });
    const event = fake.payloads.dmMessage({ user: 'U0NED00001', text: 'again' });
    await fake.sendEvent(url, event, { retryNum: 1, retryReason: 'http_timeout' });
    await expect.poll(() => seen).toEqual([[1, 'http_timeout']]);
  });
});

describe('HTTP mode: a request Slack did not sign', () => {
  it.each([
    ['a tampered signature', { tamper: true }],
    ['a wrong secret', { signingSecret: 'not-the-signing-secret' }],
    ['a stale timestamp', { stale: true }],
  ] as const)('with %s gets 401 and runs no listener', async (_name, options) => {
    let ran = 0;
    const { url, logger } = await startHttpApp((app) => {
      app.message(async () => {
        ran += 1;
      });
    });
    const delivery = await fake.sendEvent(url, fake.payloads.dmMessage({ user: 'U0EVE00001', text: 'hi' }), options);
    expect(delivery.status).toBe(401);
    await pause(50);
    expect(ran).toBe(0);
    expect(logger.lines).toEqual([expect.stringContaining('Failed to verify authenticity')]);
  });
});

describe('HTTP mode: url_verification', () => {
  it('is answered with the challenge', async () => {
    const { url } = await startHttpApp(() => {});
    const delivery = await fake.sendUrlVerification(url, 'challenge-123');
    expect(delivery).toMatchObject({ status: 200, json: { challenge: 'challenge-123' } });
  });
});

describe('Web API: a 429 with Retry-After', () => {
  it('is retried after the wait when the client retries, and the message lands once', async () => {
    const clientOptions = {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 },
      rejectRateLimitedCalls: false,
    };
    const { url } = await startHttpApp((app) => {
      app.message(async ({ say }) => {
        await say('Worth the wait.');
      });
    }, clientOptions);
    fake.rateLimit('chat.postMessage', 1, 1);
    await fake.sendEvent(url, fake.payloads.dmMessage({ user: 'U0FRED0001', text: 'go' }));
    await fake.waitFor('chat.postMessage', succeeded, 5_000);
    const calls = fake.calls('chat.postMessage');
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(1_000);
    expect(fake.messages('U0FRED0001').map((m) => m.text)).toEqual(['Worth the wait.']);
  });
});

describe('Web API: more than 50 blocks in a message', () => {
  it('is refused with invalid_blocks, which the app sees as an error', async () => {
    const errors: unknown[] = [];
    const { url } = await startHttpApp((app) => {
      app.message(async ({ say }) => {
        const blocks = Array.from({ length: 51 }, (_, i) => ({
          type: 'section',
          text: { type: 'mrkdwn', text: `${i}` },
        }));
        await say({ text: 'too much', blocks }).catch((error: { data?: { error?: string } }) =>
          errors.push(error.data?.error),
        );
      });
    });
    await fake.sendEvent(url, fake.payloads.dmMessage({ user: 'U0GINA0001', text: 'go' }));
    await fake.waitFor('chat.postMessage', (c) => c.response.error === 'invalid_blocks');
    await pause(20);
    expect(errors).toEqual(['invalid_blocks']);
    expect(fake.messages('U0GINA0001')).toEqual([]);
  });
});

describe('limits: Slack’s Block Kit and message limits', () => {
  const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const button = (fields: Record<string, unknown>) => ({
    type: 'actions',
    elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Go' }, ...fields }],
  });
  it.each([
    ['a section text over 3,000 chars', [section('x'.repeat(3_001))]],
    ['a header over 150 chars', [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }]],
    ['a button text over 75 chars', [button({ text: { type: 'plain_text', text: 'x'.repeat(76) } })]],
    ['an action_id over 255 chars', [button({ action_id: 'x'.repeat(256) })]],
    ['a block_id over 255 chars', [{ ...section('ok'), block_id: 'x'.repeat(256) }]],
    ['a button value over 2,000 chars', [button({ value: 'x'.repeat(2_001) })]],
    ['a context over 10 elements', [{ type: 'context', elements: Array(11).fill({ type: 'mrkdwn', text: 'x' }) }]],
    ['an actions block over 25 elements', [{ type: 'actions', elements: Array(26).fill(button({}).elements[0]) }]],
  ])('refuses %s with invalid_blocks', (_name, blocks) => {
    expect(checkMessage({ text: 'fallback', blocks })?.error).toBe('invalid_blocks');
  });

  it('accepts 50 blocks in a message and 100 in a view, and refuses one more', () => {
    const blocks = (n: number) => Array.from({ length: n }, () => section('ok'));
    expect(checkMessage({ blocks: blocks(50) })).toBeUndefined();
    expect(checkView({ type: 'home', blocks: blocks(100) })).toBeUndefined();
    expect(checkView({ type: 'home', blocks: blocks(101) })?.error).toBe('invalid_blocks');
  });

  it('answers msg_too_long over 40,000 chars and no_text with neither text nor blocks', () => {
    expect(checkMessage({ text: 'x'.repeat(40_001) })?.error).toBe('msg_too_long');
    expect(checkMessage({})?.error).toBe('no_text');
  });
});

describe('Web API: a bad channel or token', () => {
  it('answers channel_not_found for a missing or unknown channel, and invalid_auth for a wrong token', async () => {
    const post = (body: Record<string, string>, token: string) =>
      fetch(`${fake.apiUrl}chat.postMessage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body),
      }).then((r) => r.json());
    expect(await post({ text: 'hi' }, fake.identity.botToken)).toEqual({ ok: false, error: 'channel_not_found' });
    expect(await post({ channel: 'C0NOWHERE1', text: 'hi' }, fake.identity.botToken)).toMatchObject({
      error: 'channel_not_found',
    });
    expect(await post({ channel: 'U0HANK0001', text: 'hi' }, 'xoxb-wrong')).toMatchObject({ error: 'invalid_auth' });
  });
});

describe('Web API: the app’s messages', () => {
  it('get a ts, are kept per channel, and chat.update edits them in place', async () => {
    const { app } = await startHttpApp(() => {});
    const first = await app.client.chat.postMessage({ channel: 'U0IVY00001', text: 'Question 1' });
    await app.client.chat.postMessage({ channel: 'U0IVY00001', text: 'Question 2' });
    await app.client.chat.update({ channel: first.channel ?? '', ts: first.ts ?? '', text: 'Question 1 (answered)' });
    expect(fake.messages('U0IVY00001').map((m) => m.text)).toEqual(['Question 1 (answered)', 'Question 2']);
  });
});

describe('Socket Mode', () => {
  it('connects, acks a message event, and the reply lands', async () => {
    await startSocketApp((app) => {
      app.message('hello', async ({ say }) => {
        await say('Hello over the socket.');
      });
    });
    const ack = await fake.socket.sendEvent(fake.payloads.dmMessage({ user: 'U0JOE00001', text: 'hello' }));
    expect(ack.envelope_id).toEqual(expect.any(String));
    const call = await fake.waitFor('chat.postMessage', (c) => c.args.text === 'Hello over the socket.');
    expect(call.args.channel).toBe(fake.dmChannel('U0JOE00001'));
  });

  it('hands a slash command’s ack(text) back as the envelope payload', async () => {
    await startSocketApp((app) => {
      app.command('/interview', async ({ ack }) => {
        await ack({ text: 'Starting over the socket…' });
      });
    });
    const ack = await fake.socket.sendSlashCommand({ command: '/interview', user: 'U0KIM00001' });
    expect(ack.payload).toEqual({ text: 'Starting over the socket…' });
  });

  it('accepts a new connection from a restarted app, which then gets the events', async () => {
    const first = await startSocketApp(() => {});
    const before = fake.socket.totalConnections();
    await first.stop();
    running.splice(running.indexOf(first), 1);
    await fake.socket.waitForOpenConnections(0); // Bolt's stop() resolves before the socket has closed
    await startSocketApp((app) => {
      app.message('again', async ({ say }) => {
        await say('Back again.');
      });
    });
    expect(fake.socket.totalConnections()).toBe(before + 1);
    expect(fake.socket.openConnections()).toBe(1);
    await fake.socket.sendEvent(fake.payloads.dmMessage({ user: 'U0LEO00001', text: 'again' }));
    await fake.waitFor('chat.postMessage', (c) => c.args.text === 'Back again.');
  });
});

/** A Bolt App on `on`, never started: only its Web API client is used. */
const webApiApp = (on: FakeSlack): App =>
  new App({
    token: on.identity.botToken,
    signingSecret: on.identity.signingSecret,
    logger: quietLogger(),
    clientOptions: on.clientOptions(),
  });

describe('the call log', () => {
  it('tells onCall listeners of every call as it is answered, until they stop', async () => {
    const { app } = await startHttpApp(() => {});
    const seen: string[] = [];
    const stop = fake.onCall((call) => call.method === 'chat.postMessage' && seen.push(`${call.status}`));
    await app.client.chat.postMessage({ channel: 'U0IVY00001', text: 'one' });
    fake.rateLimit('chat.postMessage', 1, 0);
    await app.client.chat.postMessage({ channel: 'U0IVY00001', text: 'two' }).catch(() => {});
    stop();
    await app.client.chat.postMessage({ channel: 'U0IVY00001', text: 'three' });
    expect(seen).toEqual(['200', '429']);
    expect(fake.calls('chat.postMessage')).toHaveLength(3);
  });

  it('keeps nothing with keepCalls off, yet listeners and waiters still see the calls', async () => {
    const light = await startFakeSlack({ keepCalls: false });
    try {
      const app = webApiApp(light);
      const seen: string[] = [];
      light.onCall((call) => call.method === 'chat.postMessage' && seen.push((call.args as { text: string }).text));
      const waited = light.waitFor('chat.postMessage', (call) => (call.args as { text: string }).text === 'two');
      await app.client.chat.postMessage({ channel: 'U0IVY00001', text: 'one' });
      await app.client.chat.postMessage({ channel: 'U0IVY00001', text: 'two' });
      expect(((await waited).args as { text: string }).text).toBe('two');
      expect(seen).toEqual(['one', 'two']);
      expect(light.calls()).toEqual([]); // auth.test included
      // The workspace still keeps the messages, as Slack does.
      expect(light.messages('U0IVY00001').map((m) => m.text)).toEqual(['one', 'two']);
    } finally {
      await light.close();
    }
  });
});

describe('historyPerChannel', () => {
  it('keeps the newest messages of each channel; an older one can no longer be updated', async () => {
    const short = await startFakeSlack({ historyPerChannel: 2 });
    try {
      const app = webApiApp(short);
      const first = await app.client.chat.postMessage({ channel: 'U0IVY00001', text: 'one' });
      await app.client.chat.postMessage({ channel: 'U0IVY00001', text: 'two' });
      const third = await app.client.chat.postMessage({ channel: 'U0IVY00001', text: 'three' });
      await app.client.chat.postMessage({ channel: 'U0IVY00002', text: 'elsewhere' });
      expect(short.messages('U0IVY00001').map((m) => m.text)).toEqual(['two', 'three']);
      expect(short.messages('U0IVY00002').map((m) => m.text)).toEqual(['elsewhere']);
      const update = (ts: string | undefined) =>
        app.client.chat.update({ channel: first.channel ?? '', ts: ts ?? '', text: 'edited' }).then(
          () => 'ok',
          (error: { data?: { error?: string } }) => error.data?.error,
        );
      expect(await update(first.ts)).toBe('message_not_found');
      expect(await update(third.ts)).toBe('ok');
    } finally {
      await short.close();
    }
  });
});
