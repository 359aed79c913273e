import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type FakeDiscord, type FakeDiscordOptions, shardOfGuild, startFakeDiscord } from './index.js';

const DISCORD_EPOCH = 1_420_070_400_000n;
const INTENTS = GatewayIntentBits.Guilds | GatewayIntentBits.DirectMessages;

/** A guild id from an hour ago (older than any id the fake makes) that shard `shard` of `count` owns. */
function guildOnShard(shard: number, count: number, offsetMs = 0): string {
  const base = BigInt(Date.now() - 3_600_000 + offsetMs) - DISCORD_EPOCH;
  const ms = base + ((BigInt(shard) - (base % BigInt(count)) + BigInt(count)) % BigInt(count));
  return (ms << 22n).toString();
}

let fake: FakeDiscord | undefined;
const clients: Client[] = [];
const sockets: WebSocket[] = [];

async function start(options: FakeDiscordOptions): Promise<FakeDiscord> {
  fake = await startFakeDiscord(options);
  return fake;
}

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(clients.splice(0).map((client) => client.destroy()));
  await fake?.close();
  fake = undefined;
});

/** A discord.js client on shard `id` of `count`, logged in and ready. */
async function shardClient(on: FakeDiscord, id: number, count: number): Promise<Client> {
  const client = new Client({
    intents: INTENTS,
    partials: [Partials.Channel],
    shards: [id],
    shardCount: count,
    rest: { api: on.restUrl },
  });
  clients.push(client);
  const ready = once(client, Events.ClientReady);
  await client.login(on.token);
  await ready;
  return client;
}

type Outcome =
  | { readonly kind: 'ready'; readonly data: { readonly shard?: unknown; readonly guilds: readonly unknown[] } }
  | { readonly kind: 'invalid-session'; readonly resumable: unknown }
  | { readonly kind: 'closed'; readonly code: number };

/** Connects a bare WebSocket, sends IDENTIFY with `shard`, and reports what the gateway did first. */
async function identify(on: FakeDiscord, shard: unknown, token = on.token): Promise<Outcome> {
  const socket = new WebSocket(`${on.gatewayUrl}/?v=10&encoding=json`);
  sockets.push(socket);
  return new Promise<Outcome>((resolve) => {
    socket.on('close', (code) => resolve({ kind: 'closed', code }));
    socket.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; t?: string; d: never };
      if (payload.op === 10) {
        const properties = { os: 'linux', browser: 'test', device: 'test' };
        socket.send(JSON.stringify({ op: 2, d: { token, intents: INTENTS, properties, shard } }));
      } else if (payload.op === 9) resolve({ kind: 'invalid-session', resumable: payload.d });
      else if (payload.op === 0 && payload.t === 'READY') resolve({ kind: 'ready', data: payload.d });
    });
  });
}

function closeCodeOf(socket: WebSocket | undefined): Promise<number> {
  if (socket === undefined) throw new Error('no socket');
  return new Promise((resolve) => socket.once('close', (code) => resolve(code)));
}

describe('routing events by shard', () => {
  it("sends a guild's events only to the shard that owns it, and DMs to shard 0", async () => {
    const guilds = [guildOnShard(0, 2), guildOnShard(1, 2)] as const;
    expect(guilds.map((id) => shardOfGuild(id, 2))).toEqual([0, 1]);
    const on = await start({ users: ['ada'], guilds: guilds.map((id) => ({ id })) });
    const zero = await shardClient(on, 0, 2);
    const one = await shardClient(on, 1, 2);
    expect([[...zero.guilds.cache.keys()], [...one.guilds.cache.keys()]]).toEqual([[guilds[0]], [guilds[1]]]);
    const sessionOf = (shard: number) => on.sessions().find((s) => s.shard?.[0] === shard)?.id;

    const inOne = on.slashCommand({ user: 'ada', name: 'interview', guildId: guilds[1] });
    expect(inOne.receivedBy).toEqual([sessionOf(1)]);
    const inZero = on.slashCommand({ user: 'ada', name: 'interview', guildId: guilds[0] });
    expect(inZero.receivedBy).toEqual([sessionOf(0)]);
    expect(on.dmMessage({ user: 'ada', content: 'hello' }).receivedBy).toEqual([sessionOf(0)]);
    expect(on.slashCommand({ user: 'ada', name: 'interview', dm: true }).receivedBy).toEqual([sessionOf(0)]);
  });

  it('lets two sessions hold the same shard, both receiving its events, as Discord allows', async () => {
    const guild = guildOnShard(1, 2);
    const on = await start({ users: ['ada'], guilds: [{ id: guild }] });
    await shardClient(on, 1, 2);
    await shardClient(on, 1, 2);
    const sessions = on.sessions();
    expect(sessions.map((s) => [s.shard, s.connected])).toEqual([
      [[1, 2], true],
      [[1, 2], true],
    ]);
    const run = on.slashCommand({ user: 'ada', name: 'interview', guildId: guild });
    expect([...run.receivedBy].sort()).toEqual(sessions.map((s) => s.id).sort());
  });

  it('sends everything to a session identified without a shard', async () => {
    const on = await start({ users: ['ada'], guilds: [{ id: guildOnShard(1, 2) }] });
    const outcome = await identify(on, undefined);
    expect(outcome).toMatchObject({ kind: 'ready', data: { guilds: [{ id: on.guildId }] } });
    expect(outcome.kind === 'ready' && outcome.data.shard).toBeUndefined();
    expect(on.slashCommand({ user: 'ada', name: 'interview' }).deliveredTo).toBe(1);
  });
});

describe('IDENTIFY and the shard pair', () => {
  it.each([
    ['an id past the count', [2, 2]],
    ['a count of zero', [0, 0]],
    ['a negative id', [-1, 2]],
    ['one number', [0]],
    ['text', ['0', '2']],
  ])('closes the connection with 4010 Invalid shard for %s', async (_what, shard) => {
    const on = await start({});
    expect(await identify(on, shard)).toEqual({ kind: 'closed', code: 4010 });
    expect(on.sessions()).toEqual([]);
    expect(on.sessionStartLimit().remaining).toBe(1000);
  });

  it('echoes a valid pair in READY and lists only that shard’s guilds', async () => {
    const guilds = [guildOnShard(0, 3), guildOnShard(2, 3)] as const;
    const on = await start({ guilds: guilds.map((id) => ({ id })) });
    expect(await identify(on, [2, 3])).toMatchObject({
      kind: 'ready',
      data: { shard: [2, 3], guilds: [{ id: guilds[1], unavailable: true }] },
    });
  });
});

describe('GET /gateway/bot and the session start limit', () => {
  const gatewayBot = async (on: FakeDiscord) => {
    const response = await fetch(`${on.restUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${on.token}` } });
    return { status: response.status, body: (await response.json()) as { session_start_limit?: unknown } };
  };

  it('reports the recommended shards and a session start limit that each IDENTIFY uses up', async () => {
    const on = await start({ recommendedShards: 3, sessionStartLimit: { total: 5, maxConcurrency: 2 } });
    expect(await gatewayBot(on)).toMatchObject({
      status: 200,
      body: {
        url: on.gatewayUrl,
        shards: 3,
        session_start_limit: { total: 5, remaining: 5, max_concurrency: 2, reset_after: expect.any(Number) },
      },
    });
    await identify(on, [0, 3]);
    await identify(on, [1, 3]);
    expect((await gatewayBot(on)).body.session_start_limit).toMatchObject({ total: 5, remaining: 3 });
  });

  it('answers an IDENTIFY within 5 s of another with the same rate-limit key with op 9, uncounted', async () => {
    const on = await start({ sessionStartLimit: { maxConcurrency: 2, enforceConcurrency: true } });
    expect(await identify(on, [0, 4])).toMatchObject({ kind: 'ready' });
    // 2 % 2 === 0 % 2: the same key; 1 % 2: another key, which may start at once.
    expect(await identify(on, [2, 4])).toEqual({ kind: 'invalid-session', resumable: false });
    expect(await identify(on, [1, 4])).toMatchObject({ kind: 'ready' });
    expect(on.refusedIdentifies()).toBe(1);
    expect(on.sessionStartLimit().remaining).toBe(998);
  });

  it('past the limit, ends every session and resets the token, as Discord does', async () => {
    const on = await start({ sessionStartLimit: { total: 1 } });
    expect(await identify(on, [0, 1])).toMatchObject({ kind: 'ready' });
    const first = sockets[0];
    const firstClosed = closeCodeOf(first);
    expect(await identify(on, [0, 1])).toEqual({ kind: 'closed', code: 4004 });
    expect(await firstClosed).toBe(4004);
    expect(on.tokenReset()).toBe(true);
    expect(on.sessions()).toEqual([]);
    expect(await identify(on, [0, 1])).toEqual({ kind: 'closed', code: 4004 });
    expect((await gatewayBot(on)).status).toBe(401);
  });
});
