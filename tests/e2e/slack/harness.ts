import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { webApi } from '@slack/bolt';
import { type SlackHandle, startSlack } from '../../../adapters/slack/index.js';
import { type Config, parseConfig } from '../../../src/config.js';
import type { Session } from '../../../src/engine/index.js';
import { type App, createLogger, openApp, openPanels, type Panels } from '../../../src/runtime/index.js';
import {
  type FakeSlack,
  type Payload,
  type SlackEvent,
  type SlackMessage,
  type SlashCommandSpec,
  startFakeSlack,
} from '../../fakes/slack/index.js';

/** A signing secret in the shape the config accepts (32 hex characters). */
const signingSecret = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/** How a test reaches the app: signed HTTP requests, or envelopes over the Socket Mode WebSocket. */
export type Mode = 'http' | 'socket';

/** Options for one delivery of an event: reuse `eventId` for Slack's retries. */
export type EventOptions = { readonly eventId?: string; readonly retryNum?: number };

/** A fake Slack, a real App on a temp-dir SQLite store and the Slack adapter, driven as Slack would. */
export type Harness = {
  readonly fake: FakeSlack;
  readonly mode: Mode;
  /** The adapter's Request URL (HTTP mode). */
  url: string;
  app: App;
  /** The group panels, when the harness was started with them. */
  panels: Panels | undefined;
  /** Delivers an event (a fresh event id unless given); resolves once the app acknowledged it. */
  event(event: SlackEvent, options?: EventOptions): Promise<{ readonly eventId: string }>;
  /** `user` writes `text` in their DM with the app. */
  dm(user: string, text: string, options?: EventOptions): Promise<{ readonly eventId: string }>;
  /** Runs a slash command; resolves with what the app acknowledged with (the ephemeral answer, if any). */
  command(spec: SlashCommandSpec): Promise<unknown>;
  /** Clicks `actionId` on the newest app message (or view) that has it. */
  click(
    user: string,
    actionId: string,
    spec?: { readonly messageTs?: string; readonly viewId?: string },
  ): Promise<void>;
  /** Sends an interactivity payload (e.g. a view submission). */
  interact(payload: Payload): Promise<void>;
  /** The session stored for `user`, read through the app's store. */
  session(user: string): Promise<Session | undefined>;
  /** Stops the adapter and closes the app (and panels), then opens them again on the same store with a new adapter. */
  restart(): Promise<void>;
  close(): Promise<void>;
};

function configFor(fake: FakeSlack, mode: Mode, storeUrl: string): Config {
  const parsed = parseConfig({
    STORE_URL: storeUrl,
    SLACK_BOT_TOKEN: fake.identity.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    ...(mode === 'socket' ? { SLACK_APP_TOKEN: fake.identity.appToken } : {}),
    RATE_LIMIT_PER_MINUTE: '1000',
    LOG_LEVEL: 'silent',
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.value;
}

/** How to start a harness. */
export type HarnessOptions = {
  readonly mode?: Mode;
  /** Replaces the fake's client defaults (e.g. retries for the 429 test). */
  readonly clientOptions?: (fake: FakeSlack) => webApi.WebClientOptions;
  /** Turns panels on, on this clock and with no real timers: a test moves the clock and calls `tickDue`. */
  readonly panels?: { readonly clock: () => number };
};

/** Starts everything: a fake Slack, the app on a temp-dir SQLite store, and the adapter. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const mode = options.mode ?? 'http';
  const dir = mkdtempSync(join(tmpdir(), 'slack-e2e-'));
  const fake = await startFakeSlack({ identity: { signingSecret } });
  const config = configFor(fake, mode, `sqlite://${join(dir, 'x.sqlite')}`);
  const { SLACK_E2E_LOG: level = 'silent' } = process.env;
  const logger = createLogger({ level });
  const clientOptions = options.clientOptions?.(fake) ?? fake.clientOptions();

  let app: App;
  let panels: Panels | undefined;
  let slack: SlackHandle;
  const boot = async () => {
    app = openApp(config, logger, { sweep: false });
    const clock = options.panels?.clock;
    panels = clock === undefined ? undefined : await openPanels(config, logger, app, { clock, timers: false });
    const checks = fake.calls('auth.test').length;
    slack = await startSlack({
      app,
      config,
      logger,
      clientOptions,
      port: 0,
      ...(panels === undefined ? {} : { panels }),
    });
    // Bolt checks its token (auth.test) in the background at start-up; wait, so tests count only their own calls.
    await until('Bolt’s auth.test', () => fake.calls('auth.test').length > checks);
    if (mode === 'socket') await fake.socket.waitForConnections(fake.socket.totalConnections());
  };
  await boot();
  const urlOf = () => `http://127.0.0.1:${slack.port}/slack/events`;
  let eventCount = 0;
  const expectOk = (status: number) => {
    if (status !== 200) throw new Error(`the app answered HTTP ${status}`);
  };

  const harness: Harness = {
    fake,
    mode,
    url: urlOf(),
    get app() {
      return app;
    },
    get panels() {
      return panels;
    },
    async event(event, { eventId = `EvH${String(++eventCount).padStart(8, '0')}`, retryNum } = {}) {
      if (mode === 'socket') {
        await fake.socket.sendEvent(event, { eventId, ...(retryNum === undefined ? {} : { retryAttempt: retryNum }) });
      } else {
        const retry = retryNum === undefined ? {} : { retryNum, retryReason: 'http_timeout' };
        expectOk((await fake.sendEvent(urlOf(), event, { eventId, ...retry })).status);
      }
      return { eventId };
    },
    dm: (user, text, eventOptions) => harness.event(fake.payloads.dmMessage({ user, text }), eventOptions),
    async command(spec) {
      if (mode === 'socket') return (await fake.socket.sendSlashCommand(spec)).payload;
      const delivery = await fake.sendSlashCommand(urlOf(), spec);
      expectOk(delivery.status);
      return delivery.json ?? (delivery.body === '' ? undefined : delivery.body);
    },
    async click(user, actionId, spec = {}) {
      await harness.interact(fake.payloads.blockActions({ user, actionId, ...spec }));
    },
    async interact(payload) {
      if (mode === 'socket') await fake.socket.sendAction(payload);
      else expectOk((await fake.sendAction(urlOf(), payload)).status);
    },
    async session(user) {
      const loaded = await app.store.sessions.get(`solo:slack:${user}`);
      if (!loaded.ok) throw new Error(loaded.error.message);
      return loaded.value.value;
    },
    async restart() {
      await slack.stop();
      await panels?.close();
      await app.close();
      if (mode === 'socket') await fake.socket.waitForOpenConnections(0);
      await boot();
      harness.url = urlOf();
    },
    async close() {
      await slack.stop();
      await panels?.close();
      await app.close();
      if (mode === 'socket') await fake.socket.waitForOpenConnections(0).catch(() => undefined);
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Everything a message shows or carries, as one string: its text and its blocks. */
export function contentOf(message: SlackMessage): string {
  return `${message.text}\n${JSON.stringify(message.blocks)}`;
}

/** The action ids of the buttons on a message. */
export function buttonsOf(message: SlackMessage | undefined): string[] {
  const ids: string[] = [];
  for (const block of (message?.blocks ?? []) as { elements?: { action_id?: string }[] }[])
    for (const element of block.elements ?? []) if (element.action_id !== undefined) ids.push(element.action_id);
  return ids;
}

/** Resolves once `check` holds (polling every 10 ms), or fails naming `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Whether a message ends a turn: it asks something (a question, follow-up or intro prompt) or ends the interview. */
export function endsTurn(message: SlackMessage | undefined): boolean {
  const buttons = buttonsOf(message);
  return buttons.includes('iv:skip') || buttons.includes('iv:start') || buttons.includes('iv:resume');
}

/** Sends a DM and waits for the turn's last reply (the next prompt or the end of the interview). */
export async function answer(
  h: Harness,
  user: string,
  text: string,
  options?: EventOptions,
): Promise<readonly SlackMessage[]> {
  const before = h.fake.messages(user).length;
  await h.dm(user, text, options);
  await until(`the reply to "${text.slice(0, 30)}"`, () => {
    const after = h.fake.messages(user);
    return after.length > before && endsTurn(after.at(-1));
  });
  return h.fake.messages(user).slice(before);
}

/** Waits for an app message to `user` (at or after index `from` of their DM) whose text matches `pattern`. */
export async function posted(h: Harness, user: string, pattern: RegExp, from = 0): Promise<SlackMessage> {
  let found: SlackMessage | undefined;
  await until(`a message matching ${pattern}`, () => {
    found = h.fake
      .messages(user)
      .slice(from)
      .find((m) => pattern.test(m.text));
    return found !== undefined;
  });
  return found as SlackMessage;
}
