import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openRedisBackend } from '../../src/store/backend-redis.js';
import { openStore, StoreFailure } from '../../src/store/index.js';
import { describeStoreContract } from './contract.js';
import { cards, notes, type TestStore, uniquePrefix } from './fixtures.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const silent = pino({ level: 'silent' });

/** Deletes every key a prefix's namespaces hold. */
async function clearPrefix(prefix: string): Promise<void> {
  const backend = openRedisBackend(REDIS_URL, { prefix, logger: silent, opTimeoutMs: 10_000 });
  await backend.ready(); // clear() swallows errors, so a clear sent before the connection would silently do nothing
  await Promise.all(Object.values(backend.spaces).map((space) => space.clear()));
  await backend.close();
}

describeStoreContract('the real Redis', () => {
  const prefix = uniquePrefix();
  return {
    backend: () => openRedisBackend(REDIS_URL, { prefix, logger: silent, opTimeoutMs: 10_000 }),
    dispose: () => clearPrefix(prefix),
  };
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const openOn = (url: string, prefix: string, opTimeoutMs = 2000): TestStore => {
  const store = openStore({ url, prefix, sessions: notes, profiles: cards, opTimeoutMs });
  cleanups.push(() => store.close());
  return store;
};

/** Every call answers `code`, fn is never called, and nothing reads as "no value". */
async function expectDown(store: TestStore, code: 'unavailable' | 'timeout'): Promise<void> {
  const down = { ok: false, error: { code, message: expect.any(String) } };
  let called = false;
  expect(await store.sessions.get('k')).toEqual(down);
  expect(
    await store.sessions.update('k', () => {
      called = true;
      return { next: { items: [] }, result: undefined };
    }),
  ).toEqual(down);
  expect(called).toBe(false);
  expect(await store.profiles.delete('k2')).toEqual(down);
  expect(await store.forget('discord', '1')).toEqual(down);
  expect(await store.ping()).toBe(false);
  const listing = (async () => {
    for await (const _ of store.sessions.keys()) return 'listed';
    return 'empty';
  })();
  await expect(listing).rejects.toBeInstanceOf(StoreFailure);
}

describe('redis://', () => {
  it('resumes the value after close and reopen (a restart)', async () => {
    const prefix = uniquePrefix();
    cleanups.push(() => clearPrefix(prefix));
    const before = openStore({ url: REDIS_URL, prefix, sessions: notes, profiles: cards });
    await before.sessions.update('solo:discord:1', () => ({ next: { items: [1, 2] }, result: undefined }));
    await before.close();
    const after = openOn(REDIS_URL, prefix);
    expect(await after.sessions.get('solo:discord:1')).toEqual({
      ok: true,
      value: { value: { items: [1, 2] }, quarantined: false },
    });
  });

  it('answers unavailable, never undefined, when nothing listens on the port', async () => {
    await expectDown(openOn('redis://127.0.0.1:6390', uniquePrefix()), 'unavailable');
  });

  it('answers timeout when the server accepts the connection but never replies', async () => {
    const sockets: Socket[] = [];
    const mute = createServer((socket) => sockets.push(socket));
    mute.listen(0, '127.0.0.1');
    await once(mute, 'listening');
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      mute.close();
    });
    const { port } = mute.address() as AddressInfo;
    await expectDown(openOn(`redis://127.0.0.1:${port}`, uniquePrefix(), 200), 'timeout');
  });

  it('fails while Redis is gone and works again once it is back, without reopening', async () => {
    const port = await freePort();
    let server: ChildProcess | undefined;
    const start = (): ChildProcess => {
      const child = spawn(
        'redis-server',
        ['--port', `${port}`, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      server = child;
      return child;
    };
    const stop = async (): Promise<void> => {
      const child = server;
      server = undefined;
      if (child === undefined || child.exitCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    };
    cleanups.push(stop);
    const waitUntilUp = async (store: TestStore): Promise<boolean> => {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        if (await store.ping()) return true;
        await sleep(100);
      }
      return false;
    };

    start();
    const store = openOn(`redis://127.0.0.1:${port}`, uniquePrefix());
    expect(await waitUntilUp(store)).toBe(true);
    expect(await store.sessions.update('k', () => ({ next: { items: [1] }, result: 'saved' }))).toEqual({
      ok: true,
      value: 'saved',
    });

    await stop();
    const whileDown = await store.sessions.get('k');
    expect(whileDown.ok).toBe(false);

    start();
    expect(await waitUntilUp(store)).toBe(true);
    // The new server started empty (no persistence): what matters is that the same store answers again.
    expect(await store.sessions.update('k', () => ({ next: { items: [2] }, result: 'saved' }))).toEqual({
      ok: true,
      value: 'saved',
    });
  });
});
