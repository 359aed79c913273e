import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from '../../../adapters/slack/keyed-queue.js';

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('createKeyedQueue', () => {
  it('runs one key’s tasks in the order queued, even when an earlier one is slower', async () => {
    const queue = createKeyedQueue();
    const done: string[] = [];
    await Promise.all([
      queue.run('a', async () => {
        await later(30);
        done.push('a1');
      }),
      queue.run('a', async () => {
        done.push('a2');
      }),
    ]);
    expect(done).toEqual(['a1', 'a2']);
  });

  it('runs different keys side by side', async () => {
    const queue = createKeyedQueue();
    const done: string[] = [];
    await Promise.all([
      queue.run('a', async () => {
        await later(30);
        done.push('a');
      }),
      queue.run('b', async () => {
        done.push('b');
      }),
    ]);
    expect(done).toEqual(['b', 'a']);
  });

  it('runs the next task after a failed one, and passes the failure to its caller', async () => {
    const queue = createKeyedQueue();
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it('drains: resolves once every queued task has settled', async () => {
    const queue = createKeyedQueue();
    let finished = false;
    void queue.run('a', async () => {
      await later(20);
      finished = true;
    });
    await queue.drain();
    expect(finished).toBe(true);
  });
});
