import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { openMemoryBackend } from '../../src/store/backend.js';
import { openStore } from '../../src/store/index.js';
import { describeStoreContract } from './contract.js';
import { cards, notes } from './fixtures.js';

describeStoreContract('memory', () => {
  const backend = openMemoryBackend({ logger: pino({ level: 'silent' }), opTimeoutMs: 10_000 });
  return { backend: () => backend, dispose: async () => {} };
});

describe('memory://', () => {
  it('keeps values as JSON text, so a value is a copy and never the object that was saved', async () => {
    const store = openStore({ url: 'memory://', sessions: notes, profiles: cards });
    const saved = { items: [1] };
    await store.sessions.update('k', () => ({ next: saved, result: undefined }));
    saved.items.push(2);
    const loaded = await store.sessions.get('k');
    expect(loaded.ok && loaded.value.value).toEqual({ items: [1] });
    expect(loaded.ok && loaded.value.value).not.toBe(saved);
    await store.close();
  });
});
