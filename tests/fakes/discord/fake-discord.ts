import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIMessage, APIUser } from 'discord-api-types/v10';
import { appRoutes } from './app-routes.js';
import { channelRoutes } from './channel-routes.js';
import { Faults, type RateLimitOptions } from './faults.js';
import { Gateway, type GatewaySessionInfo } from './gateway.js';
import type { InteractionHandle, MessageHandle } from './handles.js';
import { createRestListener } from './http.js';
import {
  type ChannelMessageInput,
  type ClickButtonInput,
  type DmMessageInput,
  injectButtonClick,
  injectChannelMessage,
  injectDmMessage,
  injectModalSubmit,
  injectSelectMenu,
  injectSlashCommand,
  type SelectMenuInput,
  type SlashCommandInput,
  type SubmitModalInput,
} from './inject.js';
import { interactionRoutes } from './interaction-routes.js';
import type { FakeChannel } from './payloads.js';
import { identifyDispatches } from './ready.js';
import { type FakeRecord, Recorder, type RecordOf, type RecordPredicate } from './records.js';
import type { RouteContext } from './route-context.js';
import { ROUTE_KEYS, type RouteKey } from './route-keys.js';
import { type SessionStartLimit, type SessionStartOptions, SessionStarts } from './sharding.js';
import type { Clock } from './snowflake.js';
import { threadRoutes } from './thread-routes.js';
import { webhookRoutes } from './webhook-routes.js';
import { type FakeGuildInput, type UserRef, World } from './world.js';

/** How the fake starts; every field has a default fit for tests. */
export interface FakeDiscordOptions {
  /** The bot token clients must present (default: a made-up one, shaped like Discord's). */
  readonly token?: string;
  readonly botName?: string;
  /** Guilds and their text channels (default: one guild with #general). */
  readonly guilds?: readonly FakeGuildInput[];
  /** Usernames to create up front, so the first GUILD_CREATE lists them as members. */
  readonly users?: readonly string[];
  /** Time the bot has to acknowledge an interaction (Discord: 3,000 ms). */
  readonly interactionDeadlineMs?: number;
  /** How long an interaction token works for follow-ups and edits (Discord: 15 minutes). */
  readonly webhookTokenTtlMs?: number;
  readonly heartbeatIntervalMs?: number;
  /**
   * Intent bits this application may not use, as when a privileged intent (e.g. MessageContent) is off in the
   * Developer Portal: a client that asks for one is closed with 4014 Disallowed intent(s). Default: none.
   */
  readonly disallowedIntents?: number;
  /** Default timeout of every wait (ms). */
  readonly waitMs?: number;
  /** Epoch-ms clock for deadlines, ids and timestamps; move it to expire interactions without sleeping. */
  readonly clock?: Clock;
  /** GET /gateway/bot's `shards`, the count `DISCORD_SHARDS=auto` starts (default 1). */
  readonly recommendedShards?: number;
  /** The daily session start limit and `max_concurrency` IDENTIFY is held to (default: 1,000 a day, 1, not enforced). */
  readonly sessionStartLimit?: SessionStartOptions;
}

/** A running fake Discord: REST under `restUrl`, a gateway at `gatewayUrl`, events to inject, records to read. */
export interface FakeDiscord {
  /** What discord.js takes as `rest: { api }`: `http://127.0.0.1:PORT/api` (it appends `/v10`). */
  readonly restUrl: string;
  readonly gatewayUrl: string;
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: APIUser;
  /** The first guild, and its first text channel. */
  readonly guildId: string;
  readonly channelId: string;
  /** Every guild's id, in the order they were given. */
  guildIds(): readonly string[];
  /** Resolves a user: a username creates the user on first use; `{ id }` must exist. */
  user(ref: UserRef): APIUser;
  slashCommand(input: SlashCommandInput): InteractionHandle;
  clickButton(input: ClickButtonInput): InteractionHandle;
  selectMenu(input: SelectMenuInput): InteractionHandle;
  submitModal(input: SubmitModalInput): InteractionHandle;
  dmMessage(input: DmMessageInput): MessageHandle;
  channelMessage(input: ChannelMessageInput): MessageHandle;
  threadMessage(input: { readonly user: UserRef; readonly threadId: string; readonly content: string }): MessageHandle;
  /** Every REST call so far, oldest first. */
  readonly records: readonly FakeRecord[];
  recordsOf<K extends FakeRecord['kind']>(kind: K): RecordOf<K>[];
  /** Resolves with the first record (past or future) that passes `predicate`; rejects after the timeout. */
  waitFor<T extends FakeRecord>(predicate: RecordPredicate<T>, timeoutMs?: number): Promise<T>;
  message(id: string): APIMessage | undefined;
  messagesIn(channelId: string): APIMessage[];
  channel(id: string): FakeChannel | undefined;
  /** The DM channel the bot has with a user, if one was opened. */
  dmChannelOf(user: UserRef): string | undefined;
  /** The commands registered globally, or for a guild. */
  commands(guildId?: string): readonly APIApplicationCommand[];
  /** The text channels of a guild (default: the first), in the order they were given. */
  channelIds(guildId?: string): readonly string[];
  /** The ids of a thread's members (the bot, as its creator, first), in the order they joined. */
  threadMembers(threadId: string): string[];
  /** A member's permissions from now on (every channel), as interactions carry them; e.g. add Manage Threads. */
  setPermissions(user: UserRef, bits: bigint): void;
  /** The bot's permissions from now on: `app_permissions`, and what starting threads and adding members need. */
  setBotPermissions(bits: bigint): void;
  /** From now on, the bot's messages to this user fail with 403 (50007). */
  closeDms(user: UserRef): void;
  openDms(user: UserRef): void;
  /** Every later call to `route` waits `ms` first; 0 removes the delay. */
  delay(route: RouteKey, ms: number): void;
  /** The next call to `route` gets a 429 that discord.js waits out and retries. */
  rateLimitOnce(route: RouteKey, options?: RateLimitOptions): void;
  /** Sends op 7 RECONNECT to every connected client; discord.js resumes and gets what it missed. */
  requestReconnect(): void;
  /** Every gateway session that is connected or can still be resumed, with the shard it identified as. */
  sessions(): GatewaySessionInfo[];
  /** The session start limit as GET /gateway/bot reports it now. */
  sessionStartLimit(): SessionStartLimit;
  /** IDENTIFYs answered with op 9 for coming within 5 s of another with the same rate-limit key. */
  refusedIdentifies(): number;
  /** True once an IDENTIFY went past the session start limit, which resets the token (Discord's rule). */
  tokenReset(): boolean;
  /** Disconnects every client and closes the server. */
  close(): Promise<void>;
}

/** Starts a fake Discord on 127.0.0.1 (random port). */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const clock = options.clock ?? Date.now;
  const world = new World(clock, options.botName ?? 'Fake Bot', options.token);
  for (const guild of options.guilds ?? [{}]) world.addGuild(guild);
  for (const name of options.users ?? []) world.user(name);
  const first = world.guilds()[0];
  const channelId = first?.channelIds[0];
  if (first === undefined || channelId === undefined) throw new Error('fake Discord: the first guild needs a channel');

  let gatewayUrl = '';
  const recorder = new Recorder(clock);
  const faults = new Faults();
  const starts = new SessionStarts(options.sessionStartLimit ?? {}, clock());
  const gateway = new Gateway({
    token: world.token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    now: clock,
    ...(options.disallowedIntents === undefined ? {} : { disallowedIntents: options.disallowedIntents }),
    starts,
    onIdentify: (sessionId, shard) => identifyDispatches(world, sessionId, gatewayUrl, shard),
  });
  const ctx: RouteContext = {
    world,
    gateway,
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    webhookTokenTtlMs: options.webhookTokenTtlMs ?? 15 * 60_000,
    gatewayUrl: () => gatewayUrl,
    recommendedShards: options.recommendedShards ?? 1,
    sessionStartLimit: () => starts.limit(clock()),
  };
  const routes = [
    ...appRoutes(ctx),
    ...interactionRoutes(ctx),
    ...webhookRoutes(ctx),
    ...channelRoutes(ctx),
    ...threadRoutes(ctx),
  ];
  const missing = ROUTE_KEYS.filter((key) => !routes.some((route) => route.key === key));
  if (missing.length > 0) throw new Error(`fake Discord: no handler for ${missing.join(', ')}`);

  const server = createServer(
    createRestListener({
      routes,
      recorder,
      faults,
      token: world.token,
      tokenReset: () => gateway.tokenReset,
      now: clock,
    }),
  );
  server.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  gatewayUrl = `ws://127.0.0.1:${port}`;

  const waitMs = options.waitMs ?? 2000;
  const deps = { world, gateway, recorder, waitMs };
  return {
    restUrl: `http://127.0.0.1:${port}/api`,
    gatewayUrl,
    token: world.token,
    applicationId: world.applicationId,
    botUser: world.bot,
    guildId: first.id,
    channelId,
    guildIds: () => world.guilds().map((guild) => guild.id),
    user: (ref) => world.user(ref),
    slashCommand: (input) => injectSlashCommand(deps, input),
    clickButton: (input) => injectButtonClick(deps, input),
    selectMenu: (input) => injectSelectMenu(deps, input),
    submitModal: (input) => injectModalSubmit(deps, input),
    dmMessage: (input) => injectDmMessage(deps, input),
    channelMessage: (input) => injectChannelMessage(deps, input, false),
    threadMessage: ({ user, threadId, content }) =>
      injectChannelMessage(deps, { user, channelId: threadId, content }, true),
    get records() {
      return recorder.all;
    },
    recordsOf: <K extends FakeRecord['kind']>(kind: K) =>
      recorder.all.filter((record): record is RecordOf<K> => record.kind === kind),
    waitFor: (predicate, timeoutMs = waitMs) => recorder.waitFor(predicate, timeoutMs),
    message: (id) => world.message(id),
    messagesIn: (id) => world.messagesIn(id),
    channel: (id) => world.channel(id),
    dmChannelOf: (ref) => world.existingDmChannel(world.user(ref).id),
    commands: (guildId) => (guildId === undefined ? world.globalCommands : (world.guildCommands.get(guildId) ?? [])),
    channelIds: (guildId) => (guildId === undefined ? first : world.guild(guildId))?.channelIds ?? [],
    threadMembers: (threadId) => world.access.threadMembers(threadId),
    setPermissions: (ref, bits) => world.access.setPermissions(world.user(ref).id, bits),
    setBotPermissions: (bits) => {
      world.access.botPermissions = bits;
    },
    closeDms: (ref) => world.closedDms.add(world.user(ref).id),
    openDms: (ref) => world.closedDms.delete(world.user(ref).id),
    delay: (route, ms) => faults.delay(route, ms),
    rateLimitOnce: (route, limit) => faults.rateLimitOnce(route, limit),
    requestReconnect: () => gateway.requestReconnect(),
    sessions: () => gateway.sessions(),
    sessionStartLimit: () => starts.limit(clock()),
    refusedIdentifies: () => gateway.refusedIdentifies,
    tokenReset: () => gateway.tokenReset,
    close: async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
