import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiscord } from '../../../adapters/discord/index.js';
import { parseConfig } from '../../../src/config.js';
import { type App, openApp } from '../../../src/runtime/index.js';
import { startFakeDiscord } from '../../fakes/discord/index.js';
import { dmInbox, silent, startWorld, type World } from './harness.js';

let world: World | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A debug-level logger whose lines are kept for the test to read. */
function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** The app, but a turn whose answer is `explode` fails like a bug would. */
function failing(app: App): App {
  return {
    ...app,
    runtime: {
      ...app.runtime,
      turn: async (inbound) => {
        if (inbound.event.type === 'answer' && inbound.event.text.includes('explode')) throw new Error('bug in a turn');
        return app.runtime.turn(inbound);
      },
    },
  };
}

/** The app, but every turn takes a little while (so an interaction token can expire meanwhile). */
function lagging(app: App): App {
  return {
    ...app,
    runtime: {
      ...app.runtime,
      turn: async (inbound) => {
        await new Promise((resolve) => setTimeout(resolve, 150));
        return app.runtime.turn(inbound);
      },
    },
  };
}

describe('the error funnel', () => {
  it('answers politely when a handler fails, and logs no answer text', async () => {
    const { logger, lines } = capturedLogger();
    world = await startWorld({ wrap: failing, logger });
    const inbox = dmInbox(world.fake, 'alice');
    world.fake.dmMessage({ user: 'alice', content: 'please explode my secret answer' });
    expect((await inbox.next()).content).toContain('Something went wrong on my side');
    const failed = lines.filter((line) => line.includes('discord: handler failed'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain('bug in a turn');
    expect(lines.join('')).not.toContain('secret answer');
  });

  it('logs a refused Discord call with its code and a redacted route, never a token', async () => {
    const { logger, lines } = capturedLogger();
    world = await startWorld({ wrap: lagging, logger, fake: { webhookTokenTtlMs: 100 } });
    const { fake } = world;
    const run = fake.slashCommand({ user: 'bob', name: 'interview', subcommand: 'start', options: { questions: 1 } });
    const refused = await fake.waitFor((r) => r.kind === 'webhook-message' && r.status === 401);
    expect(refused.error?.code).toBe(50027);
    await expect.poll(() => lines.some((line) => line.includes('discord: handler failed'))).toBe(true);
    const failed = JSON.parse(lines.find((line) => line.includes('discord: handler failed')) ?? '{}');
    expect(failed.err).toMatchObject({ code: 50027, status: 401, route: expect.stringContaining('/[token]') });
    const all = lines.join('');
    expect(all).not.toContain(run.token);
    expect(all).not.toContain(fake.token);
  });
});

describe('starting with a token Discord refuses', () => {
  it('rejects in one line that names DISCORD_TOKEN, and leaves nothing connected', async () => {
    const fake = await startFakeDiscord();
    const parsed = parseConfig({
      DISCORD_TOKEN: `${fake.token.slice(0, -4)}AAAA`,
      DISCORD_APPLICATION_ID: fake.applicationId,
      STORE_URL: 'memory://',
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const app = openApp(parsed.value, silent, { sweep: false });
    try {
      const starting = startDiscord({
        app,
        config: parsed.value,
        logger: silent,
        clientOptions: { rest: { api: fake.restUrl } },
      });
      await expect(starting).rejects.toThrow(/^Discord login failed \(.+\): check DISCORD_TOKEN\.$/);
      expect(fake.sessions().filter((s) => s.connected)).toEqual([]);
    } finally {
      await app.close();
      await fake.close();
    }
  });
});
