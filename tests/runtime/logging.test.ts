import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, createRuntime } from '../../src/runtime/index.js';
import { answerEvent, inbound, library, openTestStore, startEvent } from './helpers.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

describe('logs', () => {
  it('never contain a token or an answer, even at trace level', async () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'trace', destination });
    logger.info({ token: 'xoxb-secret-token', event: { text: 'my private answer' } }, 'probe');
    const store = openTestStore('memory://');
    const runtime = createRuntime({ store, library, logger, sessionTtlMs: 1e9, rateLimitPerMinute: 100 });
    await runtime.handle(inbound('logs', startEvent()));
    await runtime.handle(inbound('logs', answerEvent('a very distinctive answer about pineapples')));
    await store.close();
    const text = lines.join('');
    expect(text).toContain('"turn"');
    expect(text).not.toContain('xoxb-secret-token');
    expect(text).not.toContain('my private answer');
    expect(text).not.toContain('pineapples');
  });

  it('include user text only when sensitive logs are on', () => {
    const { lines, destination } = capture();
    createLogger({ level: 'info', sensitive: true, destination }).info({
      text: 'shown for debugging',
      token: 'hidden',
    });
    expect(lines.join('')).toContain('shown for debugging');
    expect(lines.join('')).not.toContain('"hidden"');
  });
});
