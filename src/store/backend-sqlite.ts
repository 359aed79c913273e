import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeyvSqlite } from '@keyv/sqlite';
import { Keyv } from 'keyv';
import { messageOf } from './attempt.js';
import { type Backend, type BackendOptions, keyvOptions, makeSpaces } from './backend.js';

/** A backend in one SQLite file (one connection per namespace), creating the file's folder if needed. */
export function openSqliteBackend(path: string, options: BackendOptions): Backend {
  const logger = options.logger.child({ backend: 'sqlite' });
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    // Not thrown: the file will fail to open, and every operation then reports `unavailable`.
    logger.error({ path, err: messageOf(error) }, 'cannot create the folder for the SQLite file');
  }
  const adapters: KeyvSqlite[] = [];
  const spaces = makeSpaces(options.prefix, options.logger, (namespace) => {
    // Three connections write to one file: a busy wait shorter than the operation timeout turns contention into a
    // short wait, and a stuck lock into `unavailable` rather than `timeout`.
    const adapter = new KeyvSqlite({ uri: `sqlite://${path}`, busyTimeout: Math.floor(options.opTimeoutMs * 0.75) });
    adapters.push(adapter);
    return new Keyv<string>(adapter, keyvOptions(namespace));
  });
  // The adapter opens the file in its constructor and keeps the promise; a failed open must be observed now, or it
  // is an unhandled rejection that ends the process.
  void Promise.allSettled(adapters.map((adapter) => adapter.query('SELECT 1'))).then(async (outcomes) => {
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) {
      logger.error({ path, err: messageOf(failed.reason) }, 'cannot open the SQLite file');
      return;
    }
    // Write-ahead logging: readers and the writer of the three connections stop blocking each other, and a write
    // costs one sync instead of two. It is a property of the file, so one connection sets it for all.
    await adapters[0]
      ?.query('PRAGMA journal_mode=WAL')
      .catch((error: unknown) => logger.warn({ path, err: messageOf(error) }, 'SQLite stays in rollback-journal mode'));
  });
  return {
    kind: 'sqlite',
    spaces,
    ready: async () => {},
    close: async () => {
      await Promise.allSettled(adapters.map((adapter) => adapter.disconnect()));
    },
  };
}
