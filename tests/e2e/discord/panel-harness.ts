import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { expect } from 'vitest';
import { type DiscordAdapter, startDiscord } from '../../../adapters/discord/index.js';
import { register } from '../../../scripts/register.js';
import { type Config, parseConfig } from '../../../src/config.js';
import type { PanelSession } from '../../../src/engine/index.js';
import { type App, openApp, openPanels, type Panels } from '../../../src/runtime/index.js';
import {
  type FakeDiscord,
  type FakeDiscordOptions,
  type InteractionHandle,
  startFakeDiscord,
} from '../../fakes/discord/index.js';
import { buttonId, Inbox, silent } from './harness.js';

const EPHEMERAL = 1 << 6;

/** The panel clock: the runtime reads it, a test moves it past a deadline and then calls `tickDue`. */
export type Clock = { now: number };

/** A fake Discord, a SQLite store in a temp folder, the app, the panels and the bot; `restart` swaps all but the fake. */
export type PanelWorld = {
  readonly fake: FakeDiscord;
  readonly config: Config;
  readonly clock: Clock;
  app: App;
  panels: Panels;
  bot: DiscordAdapter;
  /** Stops the bot, closes the panels and the app, then opens them again on the same store file and clock. */
  restart(): Promise<void>;
  close(): Promise<void>;
  panel(threadId: string): Promise<PanelSession | undefined>;
};

/** Starts everything with four members (ann, bo, cy, dee); `messageContent` switches typed answers on. */
export async function startPanelWorld(
  options: { readonly messageContent?: boolean; readonly fake?: FakeDiscordOptions } = {},
): Promise<PanelWorld> {
  const fake = await startFakeDiscord({ users: ['ann', 'bo', 'cy', 'dee'], ...options.fake });
  const dir = mkdtempSync(join(tmpdir(), 'discord-panels-'));
  const parsed = parseConfig({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    STORE_URL: `sqlite://${join(dir, 'store.sqlite')}`,
    RATE_LIMIT_PER_MINUTE: '1000',
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const config = parsed.value;
  const env = { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId };
  const quiet = { out: () => {}, err: (line: string) => console.error(line) };
  if ((await register([], env, quiet, { api: fake.restUrl })) !== 0) throw new Error('registering commands failed');
  const clock: Clock = { now: Date.now() };
  const open = async () => {
    const app = openApp(config, silent, { sweep: false });
    const panels = await openPanels(config, silent, app, { clock: () => clock.now, timers: false });
    const bot = await startDiscord({
      app,
      config,
      logger: silent,
      panels,
      messageContent: options.messageContent === true,
      clientOptions: { rest: { api: fake.restUrl } },
    });
    return { app, panels, bot };
  };
  const world: PanelWorld = {
    fake,
    config,
    clock,
    ...(await open()),
    async restart() {
      await world.bot.stop();
      await world.panels.close();
      await world.app.close();
      Object.assign(world, await open());
    },
    async close() {
      await world.bot.stop();
      await world.panels.close();
      await world.app.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async panel(threadId) {
      const loaded = await world.panels.store.sessions.get(`group:discord:${threadId}`);
      if (!loaded.ok) throw new Error(loaded.error.message);
      return loaded.value.value;
    },
  };
  return world;
}

/** Whether a message is ephemeral (shown to one person only). */
export const isEphemeral = (message: APIMessage) => ((message.flags ?? 0) & EPHEMERAL) !== 0;

/** Reads what the bot posts in a thread for everyone (ephemeral answers are skipped), in order. */
export class ThreadFeed {
  readonly #inbox: Inbox;

  constructor(fake: FakeDiscord, threadId: string) {
    this.#inbox = new Inbox(fake, () => threadId);
  }

  /** The next public message here that passes `test`, skipping others. */
  next(test: (message: APIMessage) => boolean = () => true): Promise<APIMessage> {
    return this.#inbox.next((m) => !isEphemeral(m) && test(m));
  }

  /** Public messages posted here since the last `next`, without waiting. */
  pending(): APIMessage[] {
    return this.#inbox.pending().filter((m) => !isEphemeral(m));
  }
}

/** The next message shown for an interaction that is ephemeral and passes `test`. */
export async function privately(
  handle: InteractionHandle,
  test: (message: APIMessage) => boolean = () => true,
): Promise<APIMessage> {
  for (;;) {
    const message = await handle.nextMessage();
    if (isEphemeral(message) && test(message)) return message;
  }
}

/** Clicks a button by label on a message. */
export function click(world: PanelWorld, user: string, message: APIMessage, label: string): InteractionHandle {
  return world.fake.clickButton({ user, messageId: message.id, customId: buttonId(message, label) });
}

/** `/panel open` in `channelId` (default: #general): the thread id and the lobby message in the channel. */
export async function openPanelAs(
  world: PanelWorld,
  host: string,
  options: { readonly channelId?: string; readonly questions?: number } = {},
): Promise<{ readonly threadId: string; readonly lobby: APIMessage }> {
  const { fake } = world;
  const channelId = options.channelId ?? fake.channelId;
  const run = fake.slashCommand({
    user: host,
    name: 'panel',
    subcommand: 'open',
    channelId,
    options: { 'questions-per-person': options.questions ?? 1 },
  });
  const said = await privately(run, (m) => /panel (is open|runs)/.test(m.content));
  const threadId = /<#(\d+)>/.exec(said.content)?.[1] ?? '';
  const lobby = fake
    .messagesIn(channelId)
    .find((m) => !isEphemeral(m) && m.content.startsWith('**Mock-interview panel**') && m.content.includes(threadId));
  if (lobby === undefined) throw new Error('no lobby message');
  return { threadId, lobby };
}

/** Clicks Join on the lobby and waits for the private "You are in". */
export async function joinAs(world: PanelWorld, user: string, lobby: APIMessage): Promise<void> {
  const joined = click(world, user, lobby, 'Join');
  await privately(joined, (m) => m.content.startsWith('You are in'));
}

/** The lobby message as it is now. */
export function lobbyNow(world: PanelWorld, lobby: APIMessage): APIMessage {
  const now = world.fake.message(lobby.id);
  if (now === undefined) throw new Error('the lobby message is gone');
  return now;
}

/** Presses Answer on a turn or follow-up message and submits the modal with `text`. */
export async function answerByModal(world: PanelWorld, user: string, prompt: APIMessage, text: string) {
  const opened = click(world, user, prompt, 'Answer');
  const callback = await opened.callback();
  expect(callback.callbackType).toBe(9);
  const customId = (callback.body as { data: { custom_id: string } }).data.custom_id;
  return world.fake.submitModal({ user, customId, fields: { answer: text } });
}

/** Clicks one level on each criterion of a rate message (the same level everywhere) and waits for each "Noted". */
export async function rateAll(world: PanelWorld, user: string, rate: APIMessage, level: string): Promise<void> {
  for (const criterion of ['Structure (STAR)', 'Customer focus', 'Communication']) {
    const clicked = click(world, user, rate, `${criterion}: ${level}`);
    await privately(clicked, (m) => m.content.startsWith('Noted'));
  }
}

export const isTurn = (m: APIMessage) => m.content.startsWith('**Turn ');
export const isFollowUp = (m: APIMessage) => m.content.startsWith('**Follow-up**');
export const isRate = (m: APIMessage) => m.content.startsWith('**Rate ');
export const isSummary = (m: APIMessage) => (m.embeds ?? []).some((e) => e.title?.startsWith('Panel summary'));

/** A short answer that leaves plenty for follow-ups to ask about. */
export const thin = 'I would be polite to the customer and help them.';
