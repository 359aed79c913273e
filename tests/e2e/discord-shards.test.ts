import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createClient } from '@keyv/redis';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../scripts/register.js';
import { BOT_NODE_FLAGS } from '../../src/runtime/index.js';
import {
  type FakeDiscord,
  type GatewaySessionInfo,
  type MessageHandle,
  type ShardPair,
  shardOfGuild,
  startFakeDiscord,
} from '../fakes/discord/index.js';
import { dmInbox, type Inbox, story, textOf } from './discord/harness.js';

/**
 * `npm start` with DISCORD_SHARDS, as a child process: the ShardingManager and its shard processes against the fake
 * Discord, on the shared Redis (database 13, this test's own, emptied before and after).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STORE_URL = 'redis://127.0.0.1:6379/13';
const GRACE_SECONDS = 10;
const DISCORD_EPOCH = 1_420_070_400_000n;

/** One line of the bot's JSON log (pino), from the manager or a shard. */
type LogLine = {
  readonly [field: string]: unknown;
  readonly msg?: string;
  readonly level?: number;
  readonly shard?: number;
  readonly shardPid?: number;
  readonly delayMs?: number;
  /** pino's epoch milliseconds. */
  readonly time?: number;
  readonly err?: { readonly message?: string };
};

/** The program under test: its output, parsed, and how it ended. */
type Bot = {
  readonly child: ChildProcess;
  readonly logs: LogLine[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Starts `node <the start script's flags> adapters/main.ts`, as `npm start` does, against the fake. */
function startBot(fake: FakeDiscord, env: Readonly<Record<string, string>>): Bot {
  const { PATH = '', HOME = '' } = process.env;
  const child = spawn(process.execPath, [...BOT_NODE_FLAGS, '--import', 'tsx', 'adapters/main.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH,
      HOME,
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.restUrl,
      STORE_URL,
      LOG_LEVEL: 'info',
      RATE_LIMIT_PER_MINUTE: '1000',
      SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
      // Empty counts as unset, and dotenv does not override: a developer's .env cannot add Slack or a guild.
      SLACK_BOT_TOKEN: '',
      SLACK_APP_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      DISCORD_GUILD_ID: '',
      ...env,
    },
  });
  const logs: LogLine[] = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => logs.push({ msg: `stderr: ${chunk.toString('utf8')}` }));
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  return { child, logs, exited };
}

/** The pids of each shard's processes, in the order the manager started them (a respawn adds one). */
function shardPids(bot: Bot): Map<number, number[]> {
  const pids = new Map<number, number[]>();
  for (const line of bot.logs) {
    if (line.msg !== 'discord: shard process started' || line.shard === undefined || line.shardPid === undefined)
      continue;
    pids.set(line.shard, [...(pids.get(line.shard) ?? []), line.shardPid]);
  }
  return pids;
}

/** How many times the manager saw a process of `shard` become ready. */
function readied(bot: Bot, shard: number): number {
  return bot.logs.filter((line) => line.msg === 'discord: shard ready' && line.shard === shard).length;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `probe` until it returns a value (not undefined or false); fails naming `what` and the bot's last lines. */
async function until<T>(what: string, probe: () => T | undefined | false, bot?: Bot, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) {
      const tail = bot?.logs.slice(-15).map((line) => JSON.stringify(line)) ?? [];
      throw new Error(`timed out waiting for ${what}\n${tail.join('\n')}`);
    }
    await sleep(50);
  }
}

const live = (fake: FakeDiscord): GatewaySessionInfo[] => fake.sessions().filter((session) => session.connected);
const shardsOf = (sessions: readonly GatewaySessionInfo[]): (ShardPair | null)[] =>
  sessions.map((session) => session.shard).sort((a, b) => (a?.[0] ?? 0) - (b?.[0] ?? 0));
const sessionShards = (fake: FakeDiscord, ids: readonly string[]) =>
  shardsOf(fake.sessions().filter((session) => ids.includes(session.id)));

/** A guild id from an hour ago (older than any id the fake makes) that shard `shard` of `count` owns. */
function guildOnShard(shard: number, count: number): string {
  const base = BigInt(Date.now() - 3_600_000) - DISCORD_EPOCH;
  const ms = base + ((BigInt(shard) - (base % BigInt(count)) + BigInt(count)) % BigInt(count));
  const id = (ms << 22n).toString();
  if (shardOfGuild(id, count) !== shard) throw new Error('guildOnShard: wrong shard');
  return id;
}

/** A base port with `count` free ports from it: the manager's OPS_PORT, then one per shard. */
async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const servers: Server[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const server = createServer();
        servers.push(server);
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(base + i, '127.0.0.1', resolve);
        });
      }
      return base;
    } catch {
      // taken: try another base
    } finally {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  }
  throw new Error('no free block of ports');
}

/** The turns a process has run, from its /metrics. */
async function turnsServed(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('interview_turns_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

async function emptyStore(): Promise<void> {
  const client = createClient({ url: STORE_URL });
  await client.connect();
  await client.flushDb();
  await client.close();
}

async function registerCommands(fake: FakeDiscord): Promise<void> {
  const env = { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId };
  const io = { out: () => {}, err: (line: string) => console.error(line) };
  if ((await register([], env, io, { api: fake.restUrl })) !== 0) throw new Error('registering commands failed');
}

/** Stops whatever a failed test left running: the manager and every shard process it reported. */
async function cleanUp(bot: Bot | undefined): Promise<void> {
  if (bot === undefined) return;
  if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill('SIGKILL');
  for (const pids of shardPids(bot).values()) for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
  await bot.exited;
}

const isQuestion = (m: APIMessage) => m.content.startsWith('**Question');
const isFollowUp = (m: APIMessage) => m.content.startsWith('**Follow-up**');
const isFeedbackOn = (n: number) => (m: APIMessage) =>
  m.embeds?.[0]?.title?.startsWith(`Feedback on question ${n} of 2`) === true;
const isReport = (m: APIMessage) => textOf(m).includes('Interview complete');

/** Answers by DM (a STAR story, then again for each follow-up) until the bot posts what `done` looks for. */
async function answerUntil(
  fake: FakeDiscord,
  user: string,
  inbox: Inbox,
  done: (m: APIMessage) => boolean,
): Promise<{ readonly message: APIMessage; readonly sent: readonly MessageHandle[] }> {
  const sent: MessageHandle[] = [];
  for (let turn = 0; turn < 4; turn++) {
    sent.push(fake.dmMessage({ user, content: story }));
    const next = await inbox.next((m) => isFollowUp(m) || done(m));
    if (done(next)) return { message: next, sent };
  }
  throw new Error(`${user}: still asked follow-ups after 4 answers`);
}

// The scenarios run side by side (each mostly waits on Discord's 5-second IDENTIFY window); the store is shared.
beforeAll(emptyStore);
afterAll(emptyStore);

describe.concurrent('npm start with DISCORD_SHARDS=2 on one Redis', () => {
  let fake: FakeDiscord;
  let bot: Bot | undefined;
  let ops: number;
  const guilds = { zero: guildOnShard(0, 2), one: guildOnShard(1, 2) };
  let inboxes: { readonly ada: Inbox; readonly ben: Inbox };

  beforeAll(async () => {
    fake = await startFakeDiscord({
      users: ['ada', 'ben'],
      guilds: [
        { id: guilds.zero, name: 'Shard Zero' },
        { id: guilds.one, name: 'Shard One' },
      ],
      // Two rate-limit keys (shard_id % max_concurrency): both shards may identify at once.
      sessionStartLimit: { total: 20, maxConcurrency: 2, enforceConcurrency: true },
      waitMs: 10_000,
    });
    await registerCommands(fake);
    inboxes = { ada: dmInbox(fake, 'ada'), ben: dmInbox(fake, 'ben') };
    ops = await freePorts(3);
    const started = startBot(fake, { DISCORD_SHARDS: '2', OPS_PORT: String(ops) });
    bot = started;
    await until('two shards ready', () => readied(started, 0) === 1 && readied(started, 1) === 1, started, 35_000);
  }, 40_000);

  afterAll(async () => {
    await cleanUp(bot);
    await fake?.close();
  });

  // Concurrent with the other scenarios, but these steps build on one another: one bot, in order.
  it.sequential('starts one process per shard, each identifying to the gateway as its own [id, 2]', async () => {
    if (bot === undefined) throw new Error('no bot');
    expect(shardsOf(live(fake))).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const pids = shardPids(bot);
    const [zero, one] = [pids.get(0) ?? [], pids.get(1) ?? []];
    expect([zero.length, one.length]).toEqual([1, 1]);
    expect(new Set([bot.child.pid, ...zero, ...one]).size).toBe(3);
    expect([...zero, ...one].every(alive)).toBe(true);
    for (const port of [ops, ops + 1, ops + 2])
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(fake.refusedIdentifies()).toBe(0);
    expect(fake.sessionStartLimit()).toMatchObject({ total: 20, remaining: 18, max_concurrency: 2 });
  });

  it.sequential("sends each guild's slash commands to the shard that owns the guild, and that shard answers", async () => {
    /** `/interview start` by `user` in `guildId`: received by `shard` alone, answered there, the question in a DM. */
    const startIn = async (user: 'ada' | 'ben', guildId: string, shard: number) => {
      const command = fake.slashCommand({
        user,
        name: 'interview',
        subcommand: 'start',
        guildId,
        options: { questions: 2, skip_intro: true },
      });
      expect(sessionShards(fake, command.receivedBy)).toEqual([[shard, 2]]);
      expect((await command.nextMessage()).content).toContain("I've sent you a DM");
      expect(isQuestion(await inboxes[user].next(isQuestion))).toBe(true);
    };
    await startIn('ben', guilds.one, 1);
    expect([await turnsServed(ops + 1), await turnsServed(ops + 2)]).toEqual([0, 1]);
    await startIn('ada', guilds.zero, 0);
    expect([await turnsServed(ops + 1), await turnsServed(ops + 2)]).toEqual([1, 1]);
  });

  it.sequential('sends DMs to shard 0 only, which carries on interviews started on either shard', async () => {
    for (const user of ['ada', 'ben'] as const) {
      const { sent } = await answerUntil(fake, user, inboxes[user], isFeedbackOn(1));
      for (const dm of sent) expect(sessionShards(fake, dm.receivedBy)).toEqual([[0, 2]]);
      expect((await inboxes[user].next(isQuestion)).content).toMatch(/^\*\*Question 2 of 2\*\*/);
    }
    expect(await turnsServed(ops + 1)).toBeGreaterThanOrEqual(3);
    expect(await turnsServed(ops + 2)).toBe(1);
  });

  it.sequential('respawns a shard process killed with SIGKILL, and the interview carries on from the store', async () => {
    if (bot === undefined) throw new Error('no bot');
    const running = bot;
    const [killed] = shardPids(running).get(0) ?? [];
    const before = live(fake).find((session) => session.shard?.[0] === 0);
    if (killed === undefined || before === undefined) throw new Error('no shard 0');
    process.kill(killed, 'SIGKILL');
    await until('shard 0 ready again', () => readied(running, 0) === 2, running);
    const respawned = shardPids(running).get(0)?.[1] ?? 0;
    expect(alive(killed)).toBe(false);
    // It had run for less than a minute, so the manager waited two seconds (not at once, as discord.js would).
    const died = running.logs.find((line) => line.msg === 'discord: shard process died; starting it again');
    const restarted = running.logs.find((line) => line.shardPid === respawned);
    expect([died?.shard, died?.shardPid, died?.delayMs]).toEqual([0, killed, 2000]);
    expect((restarted?.time ?? 0) - (died?.time ?? Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(2000);
    const after = live(fake).find((session) => session.shard?.[0] === 0 && session.id !== before.id);
    if (after === undefined) throw new Error('no new shard 0 session');
    expect(alive(respawned)).toBe(true);
    expect(running.child.exitCode).toBeNull();

    const { message, sent } = await answerUntil(fake, 'ada', inboxes.ada, isReport);
    for (const dm of sent) expect(dm.receivedBy).toEqual([after.id]);
    // The report covers the answer given to the killed process as well as the one given to its successor.
    expect(textOf(message)).toContain('Feedback on question 1');
    expect(textOf(message)).toContain('Feedback on question 2');
    expect(await turnsServed(ops + 1)).toBeGreaterThanOrEqual(1);
  });

  it.sequential('shuts down on SIGTERM: exit code 0 within the grace period, and no shard process left', async () => {
    if (bot === undefined) throw new Error('no bot');
    const pids = [...shardPids(bot).values()].flat();
    expect(pids).toHaveLength(3);
    const started = Date.now();
    bot.child.kill('SIGTERM');
    const ended = await bot.exited;
    expect(ended).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(GRACE_SECONDS * 1000);
    expect(pids.filter(alive)).toEqual([]);
    expect(live(fake)).toEqual([]);
  });
});

describe.concurrent('npm start with DISCORD_SHARDS=auto', () => {
  let fake: FakeDiscord | undefined;
  let bot: Bot | undefined;

  afterAll(async () => {
    await cleanUp(bot);
    await fake?.close();
  });

  it('starts the shard count GET /gateway/bot recommends, in waves of max_concurrency', async () => {
    const started = await startFakeDiscord({
      guilds: [0, 1].map((shard) => ({ id: guildOnShard(shard, 2), name: `Shard ${shard}` })),
      recommendedShards: 2,
      // Discord's default for a small bot: one IDENTIFY per 5 s.
      sessionStartLimit: { maxConcurrency: 1, enforceConcurrency: true },
    });
    fake = started;
    const running = startBot(started, { DISCORD_SHARDS: 'auto' });
    bot = running;
    await until('two shards ready', () => readied(running, 0) === 1 && readied(running, 1) === 1, running, 35_000);
    const sessions = live(started);
    expect(shardsOf(sessions)).toEqual([
      [0, 2],
      [1, 2],
    ]);
    // Both shards have rate-limit key 0 (shard_id % max_concurrency): the second wave waited out the window.
    const at = (shard: number) => sessions.find((session) => session.shard?.[0] === shard)?.identifiedAt ?? 0;
    expect(at(1) - at(0)).toBeGreaterThanOrEqual(5000);
    expect(started.refusedIdentifies()).toBe(0);
    expect(running.logs.find((line) => line.msg === 'discord: starting shards')).toMatchObject({
      shards: 2,
      waves: 2,
      requested: 'auto',
    });

    const pids = [...shardPids(running).values()].flat();
    running.child.kill('SIGTERM');
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(pids).toHaveLength(2);
    expect(pids.filter(alive)).toEqual([]);
  }, 40_000);
});

describe.concurrent('npm start with more shards than session starts left', () => {
  let fake: FakeDiscord | undefined;
  let bot: Bot | undefined;

  afterAll(async () => {
    await cleanUp(bot);
    await fake?.close();
  });

  it('refuses to start, saying so, before any shard identifies', async () => {
    const started = await startFakeDiscord({ sessionStartLimit: { total: 1 } });
    fake = started;
    const running = startBot(started, { DISCORD_SHARDS: '2' });
    bot = running;
    expect(await running.exited).toEqual({ code: 1, signal: null });
    const fatal = running.logs.find((line) => line.level === 60);
    expect(fatal?.err?.message).toMatch(/allows 1 more session starts .* 2 shards need 2/);
    expect(shardPids(running).size).toBe(0);
    expect(started.sessionStartLimit().remaining).toBe(1);
    expect(started.tokenReset()).toBe(false);
  });
});
