import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../../adapters/discord/queue.js';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the per-user queue', () => {
  it('runs one key’s tasks one at a time, in the order they came', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await tick(ms);
      log.push(`end ${name}`);
    };
    await Promise.all([queue.run('u', task('a', 30)), queue.run('u', task('b', 1)), queue.run('u', task('c', 1))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs different keys side by side', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    await Promise.all([
      queue.run('alice', async () => {
        await tick(30);
        log.push('alice');
      }),
      queue.run('bob', async () => {
        log.push('bob');
      }),
    ]);
    expect(log).toEqual(['bob', 'alice']);
  });

  it('keeps going after a task fails, and reports the failure to its caller only', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('u', async () => {
      throw new Error('boom');
    });
    const next = queue.run('u', async () => 'after');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
    await queue.idle();
  });
});
