import type { Hold } from './attempt.js';

const noop = (): void => {};

/** Resolves when every promise has settled, or after `ms`, whichever comes first. */
async function settleWithin(work: readonly Promise<unknown>[], ms: number): Promise<void> {
  if (work.length === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([Promise.allSettled(work), cap]);
  clearTimeout(timer);
}

/**
 * Runs tasks one after another per key and in parallel across keys, within this process.
 * A key stays locked until its task ends and the backend calls it held have settled (a call that timed out may
 * still be writing), but at most `graceMs` longer, so a hung backend cannot lock a key forever.
 * Idle keys leave no entry behind.
 */
export class KeyQueue {
  readonly #tails = new Map<string, Promise<void>>();
  readonly #graceMs: number;

  constructor(graceMs: number) {
    this.#graceMs = graceMs;
  }

  /** Runs `task` once every earlier task for `key` is done; resolves or rejects as `task` does. */
  run<T>(key: string, task: (hold: Hold) => Promise<T>): Promise<T> {
    const held: Promise<unknown>[] = [];
    const hold: Hold = (work) => {
      held.push(work);
    };
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(() => task(hold));
    const tail = result.then(noop, noop).then(() => settleWithin(held, this.#graceMs));
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** How many keys have a task queued or running. */
  get size(): number {
    return this.#tails.size;
  }

  /** Resolves when no task is queued or running. */
  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all(this.#tails.values());
  }
}
