import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIMessage } from 'discord-api-types/v10';
import { type Logger, pino } from 'pino';
import { type DiscordAdapter, startDiscord } from '../../../adapters/discord/index.js';
import { register } from '../../../scripts/register.js';
import { type Config, parseConfig } from '../../../src/config.js';
import type { Session } from '../../../src/engine/index.js';
import { type App, openApp } from '../../../src/runtime/index.js';
import {
  type FakeDiscord,
  type FakeDiscordOptions,
  type FakeRecord,
  startFakeDiscord,
} from '../../fakes/discord/index.js';

export const silent = pino({ level: 'silent' });

/** A fake Discord, a SQLite store in a temp folder, the app and the bot; `restart` swaps the bot and app. */
export type World = {
  readonly fake: FakeDiscord;
  readonly config: Config;
  app: App;
  bot: DiscordAdapter;
  /** Stops the bot and closes the app, then opens both again on the same store file. */
  restart(): Promise<void>;
  close(): Promise<void>;
  session(user: string): Promise<Session | undefined>;
};

/** Starts everything; `wrap` may replace the app (e.g. a slower runtime). Commands are registered globally. */
export async function startWorld(
  options: { readonly fake?: FakeDiscordOptions; readonly wrap?: (app: App) => App; readonly logger?: Logger } = {},
): Promise<World> {
  const fake = await startFakeDiscord({ users: ['alice', 'bob', 'carol'], ...options.fake });
  const dir = mkdtempSync(join(tmpdir(), 'discord-e2e-'));
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
  const open = async () => {
    const base = openApp(config, silent, { sweep: false });
    const app = options.wrap === undefined ? base : options.wrap(base);
    const logger = options.logger ?? silent;
    const bot = await startDiscord({ app, config, logger, clientOptions: { rest: { api: fake.restUrl } } });
    return { app, bot };
  };
  const world: World = {
    fake,
    config,
    ...(await open()),
    async restart() {
      await world.bot.stop();
      await world.app.close();
      Object.assign(world, await open());
    },
    async close() {
      await world.bot.stop();
      await world.app.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async session(user) {
      const loaded = await world.app.store.sessions.get(`solo:discord:${fake.user(user).id}`);
      if (!loaded.ok) throw new Error(loaded.error.message);
      return loaded.value.value;
    },
  };
  return world;
}

/** A message the bot created or edited, as recorded. */
type Shown = { readonly seq: number; readonly message: APIMessage };

function shown(fake: FakeDiscord, record: FakeRecord): Shown | undefined {
  if (record.status >= 300 || !('message' in record) || record.message === undefined) return undefined;
  // New messages, and edits of an interaction's reply (a deferred reply filled in, a confirmation replaced).
  if (record.kind === 'channel-message' ? record.action !== 'create' : record.kind !== 'webhook-message')
    return undefined;
  if (record.kind === 'webhook-message' && record.action !== 'create' && record.action !== 'edit') return undefined;
  if (record.message.author.id !== fake.botUser.id) return undefined;
  return { seq: record.seq, message: record.message };
}

/** Reads the bot's new messages in one channel (a user's DM, or a thread) in order, one at a time. */
export class Inbox {
  #cursor: number;

  constructor(
    private readonly fake: FakeDiscord,
    private readonly channel: () => string | undefined,
  ) {
    this.#cursor = fake.records.length;
  }

  /** The next message the bot posted here that passes `test` (skipping others); fails after the fake's wait. */
  async next(test: (message: APIMessage) => boolean = () => true, timeoutMs?: number): Promise<APIMessage> {
    const record = await this.fake.waitFor((r) => {
      if (r.seq <= this.#cursor) return false;
      const found = shown(this.fake, r);
      return found !== undefined && found.message.channel_id === this.channel() && test(found.message);
    }, timeoutMs);
    this.#cursor = record.seq;
    return (record as FakeRecord & { message: APIMessage }).message;
  }

  /** The bot's messages here after the cursor, without waiting or moving. */
  pending(): APIMessage[] {
    return this.fake.records
      .filter((r) => r.seq > this.#cursor)
      .map((r) => shown(this.fake, r))
      .filter((s): s is Shown => s !== undefined && s.message.channel_id === this.channel())
      .map((s) => s.message);
  }

  /** Moves the cursor to now. */
  skip(): void {
    this.#cursor = this.fake.records.length;
  }
}

/** The inbox of a user's DMs with the bot. */
export function dmInbox(fake: FakeDiscord, user: string): Inbox {
  return new Inbox(fake, () => fake.dmChannelOf(user));
}

/** The custom id of a message's button by label (first match). */
export function buttonId(message: APIMessage, label: string): string {
  for (const row of message.components ?? []) {
    if (!('components' in row)) continue;
    for (const component of row.components) {
      if ('label' in component && component.label?.startsWith(label) === true && 'custom_id' in component)
        return component.custom_id;
    }
  }
  throw new Error(`no button "${label}" on message ${message.id}: ${JSON.stringify(message.components ?? [])}`);
}

/** The labels of a message's buttons, in order. */
export function buttonLabels(message: APIMessage): string[] {
  return (message.components ?? []).flatMap((row) =>
    'components' in row ? row.components.flatMap((c) => ('label' in c && c.label !== undefined ? [c.label] : [])) : [],
  );
}

/** Everything readable in a message: content, embed titles, descriptions and fields. */
export function textOf(message: APIMessage): string {
  const embeds = (message.embeds ?? []).flatMap((e) => [
    e.title ?? '',
    e.description ?? '',
    ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
    e.footer?.text ?? '',
  ]);
  return [message.content, ...embeds].join('\n');
}

/** A message body the bot sent, as Discord received it. */
export type SentBody = {
  readonly record: FakeRecord;
  readonly body: { readonly content?: unknown; readonly allowed_mentions?: unknown; readonly embeds?: unknown };
};

/** Every body the bot sent that shows a message (creates, edits, replies, follow-ups), with its record. */
export function sentBodies(fake: FakeDiscord): SentBody[] {
  return fake.records.flatMap((record): SentBody[] => {
    if (record.kind === 'channel-message' || record.kind === 'webhook-message') {
      if ((record.action === 'create' || record.action === 'edit') && record.body !== undefined)
        return [{ record, body: record.body }];
    }
    if (record.kind === 'interaction-callback') {
      const data = (record.body as { data?: SentBody['body'] }).data;
      if ((record.callbackType === 4 || record.callbackType === 7) && data !== undefined)
        return [{ record, body: data }];
    }
    return [];
  });
}

export const story =
  'Last spring at the Camden shop a regular customer was angry because the phone he bought from us kept ' +
  'restarting. My job was to get him a working phone before his shift. I listened to the whole story, apologised, ' +
  'found a replacement at our Islington branch and set it up for him, then called him the next day to check on it. ' +
  'He left a five-star review and still asks for me when he comes in, and our team now checks every repaired phone.';
