import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { openMemoryBackend } from '../../src/store/backend.js';
import { openStore } from '../../src/store/index.js';
import { createStore } from '../../src/store/store.js';
import { cards, notes } from './fixtures.js';

/** A debug logger and the lines it wrote. */
const capture = (): { logger: pino.Logger; lines: string[] } => {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
};

describe('logs', () => {
  it("name the key and reason of a quarantined value, never the value's text", async () => {
    const { logger, lines } = capture();
    const backend = openMemoryBackend({ logger, opTimeoutMs: 1000 });
    await backend.spaces.sessions.set('solo:discord:7', '{"v":2,"data":{"items":["my secret answer"]}}');
    const store = createStore(backend, { sessions: notes, profiles: cards, logger });
    await store.sessions.get('solo:discord:7');
    await store.close();
    const warning = lines.map((line) => JSON.parse(line)).find((entry) => entry.level === 40);
    expect(warning).toMatchObject({ key: 'solo:discord:7', reason: expect.stringContaining('schema') });
    expect(lines.join('\n')).not.toContain('my secret answer');
  });

  it('never show the password of a Redis URL', async () => {
    const { logger, lines } = capture();
    const store = openStore({ url: 'redis://bot:hunter2@127.0.0.1:6390', sessions: notes, profiles: cards, logger });
    await store.sessions.get('k');
    await store.close();
    expect(lines.join('\n')).toContain('redis://bot:***@127.0.0.1:6390');
    expect(lines.join('\n')).not.toContain('hunter2');
  });
});
