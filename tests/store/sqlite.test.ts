import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteBackend } from '../../src/store/backend-sqlite.js';
import { openStore } from '../../src/store/index.js';
import { describeStoreContract } from './contract.js';
import { cards, notes } from './fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'store-sqlite-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let files = 0;
const freshFile = (): string => {
  files += 1;
  return join(root, `case-${files}`, 'store.sqlite');
};

describeStoreContract('SQLite in a temp folder', () => {
  const path = freshFile();
  return {
    backend: () => openSqliteBackend(path, { logger: pino({ level: 'silent' }), opTimeoutMs: 10_000 }),
    dispose: async () => {},
  };
});

describe('sqlite://', () => {
  it('creates the folder, and resumes the value after close and reopen (a restart)', async () => {
    const url = `sqlite://${join(root, 'restart', 'nested', 'store.sqlite')}`;
    const before = openStore({ url, sessions: notes, profiles: cards });
    await before.sessions.update('solo:discord:1', () => ({ next: { items: [1, 2, 3] }, result: undefined }));
    await before.close();
    const after = openStore({ url, sessions: notes, profiles: cards });
    expect(await after.sessions.get('solo:discord:1')).toEqual({
      ok: true,
      value: { value: { items: [1, 2, 3] }, quarantined: false },
    });
    await after.close();
  });

  it('answers unavailable, never undefined, when the file cannot be opened', async () => {
    const directory = join(root, 'a-directory');
    mkdirSync(directory);
    const store = openStore({ url: `sqlite://${directory}`, sessions: notes, profiles: cards });
    const unavailable = { ok: false, error: { code: 'unavailable', message: expect.stringContaining('SQLITE') } };
    let called = false;
    expect(await store.sessions.get('k')).toEqual(unavailable);
    expect(
      await store.sessions.update('k', () => {
        called = true;
        return { next: { items: [] }, result: undefined };
      }),
    ).toEqual(unavailable);
    expect(called).toBe(false);
    expect(await store.profiles.delete('k')).toEqual(unavailable);
    expect(await store.forget('discord', '1')).toEqual(unavailable);
    expect(await store.ping()).toBe(false);
    await store.close();
  });
});
