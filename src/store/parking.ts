import type { Hold } from './attempt.js';
import type { Section } from './section.js';
import type { CollectionName, Held, StoreObserver, StoreResult } from './types.js';

/** A section entered by a claim and parked until the next update of its key comes (or it is released). */
export type Parked = {
  /** Runs `work` in the section and leaves it. */
  use<T>(work: (section: Section, hold: Hold) => Promise<StoreResult<T>>): Promise<StoreResult<T>>;
};

/** The sections of one collection that claims entered, by key, waiting for the key's next update. */
export type Parking = {
  /** The section parked for `key`, if any. */
  get(key: string): Parked | undefined;
  /**
   * Parks an entered section in the key's queue slot until `use` or `release`: nothing else of this process runs on
   * the key meanwhile, and on a shared backend the section renews its lease. Released unused after `lockWaitMs`.
   * Resolves (keeping the slot) once the section has been used or released; `resolve` gets the handle at once.
   */
  park(key: string, section: Section, hold: Hold, waitedMs: number, resolve: (held: Held) => void): Promise<void>;
};

/** The parking of one collection: `name` for the lock-wait figures, and how long a section may wait unused. */
export function createParking(context: {
  readonly name: CollectionName;
  readonly lockWaitMs: number;
  readonly observer: StoreObserver;
}): Parking {
  const parked = new Map<string, Parked>();
  return {
    get: (key) => parked.get(key),
    park: (key, section, hold, waitedMs, resolve) =>
      new Promise<void>((settle) => {
        const entry: Parked = {
          async use(work) {
            leave();
            context.observer.lockWait?.(context.name, waitedMs + section.waitedMs, key);
            try {
              return await work(section, hold);
            } finally {
              await section.release();
              settle();
            }
          },
        };
        const leave = (): void => {
          if (parked.get(key) === entry) parked.delete(key);
          clearTimeout(timer);
        };
        const held: Held = {
          key,
          release() {
            if (parked.get(key) !== entry) return;
            leave();
            void section.release().finally(settle);
          },
        };
        const timer = setTimeout(() => held.release(), context.lockWaitMs);
        timer.unref();
        parked.set(key, entry);
        resolve(held);
      }),
  };
}
