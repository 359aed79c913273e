import { describe, expect, it } from 'vitest';
import { KeyQueue } from '../../src/store/key-queue.js';

/** A promise and the function that resolves it. */
const deferred = (): { promise: Promise<void>; resolve: () => void } => {
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('KeyQueue', () => {
  it('runs tasks of one key one after another, in call order', async () => {
    const queue = new KeyQueue(1000);
    const gate = deferred();
    const events: string[] = [];
    const first = queue.run('a', async () => {
      events.push('1 starts');
      await gate.promise;
      events.push('1 ends');
    });
    const second = queue.run('a', async () => {
      events.push('2 starts');
    });
    await Promise.resolve();
    await Promise.resolve();
    gate.resolve();
    await Promise.all([first, second]);
    expect(events).toEqual(['1 starts', '1 ends', '2 starts']);
  });

  it('runs a task of another key while one key is busy', async () => {
    const queue = new KeyQueue(1000);
    const gate = deferred();
    const events: string[] = [];
    const slow = queue.run('a', async () => {
      await gate.promise;
      events.push('a done');
    });
    await queue.run('b', async () => {
      events.push('b done');
    });
    gate.resolve();
    await slow;
    expect(events).toEqual(['b done', 'a done']);
  });

  it('passes on the result or the rejection of each task, and goes on after a rejection', async () => {
    const queue = new KeyQueue(1000);
    const failing = queue.run('a', async () => {
      throw new Error('boom');
    });
    const next = queue.run('a', async () => 42);
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });

  it('keeps the key locked until the work a task held has settled', async () => {
    const queue = new KeyQueue(60_000);
    const write = deferred();
    const events: string[] = [];
    const first = queue.run('a', async (hold) => {
      hold(write.promise.then(() => events.push('held write settles')));
      return 'gave up waiting';
    });
    const second = queue.run('a', async () => {
      events.push('2 starts');
    });
    expect(await first).toBe('gave up waiting');
    write.resolve();
    await second;
    expect(events).toEqual(['held write settles', '2 starts']);
  });

  it('stops waiting for held work that never settles after the grace period', async () => {
    const queue = new KeyQueue(5);
    void queue.run('a', async (hold) => {
      hold(new Promise(() => {}));
    });
    await expect(queue.run('a', async () => 'ran')).resolves.toBe('ran');
  });

  it('leaves no entry behind for keys that are idle', async () => {
    const queue = new KeyQueue(1000);
    const runs = Array.from({ length: 300 }, (_, i) =>
      queue.run(`key-${i % 30}`, async () => {
        if (i % 7 === 0) throw new Error('some fail');
        return i;
      }),
    );
    expect(queue.size).toBe(30);
    await Promise.allSettled(runs);
    await queue.idle();
    expect(queue.size).toBe(0);
  });
});
