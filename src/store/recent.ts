/** How many keys, and how many characters of stored text in all, a collection's recent-value cache keeps. */
export type RecentLimits = { readonly entries: number; readonly chars: number };

/** About 500 sessions of a finished interview's size: a few tens of megabytes at most. */
export const recentLimits: RecentLimits = { entries: 500, chars: 8_000_000 };

/** A stored text and what it decodes to. */
export type Decoded<V> = { readonly text: string; readonly value: V; readonly version: number };

/**
 * The last text each key was read or written as, with its decoded value, so that reading back the text a turn just
 * saved costs a string comparison instead of a JSON parse and a schema check. A hit needs the exact text: anything
 * written meanwhile (by another process, by hand) is a miss and is decoded as usual. The values are shared between
 * reads, which the readonly value types make safe: nothing that reads a value changes it.
 */
export class RecentValues<V> {
  readonly #entries = new Map<string, Decoded<V>>();
  readonly #limits: RecentLimits;
  #chars = 0;

  constructor(limits: RecentLimits = recentLimits) {
    this.#limits = limits;
  }

  /** The decoded value of `text` if it is what `key` was last read or written as. */
  lookup(key: string, text: string): Decoded<V> | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.text !== text) return undefined;
    // Most recently used last: eviction takes from the front.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  remember(key: string, entry: Decoded<V>): void {
    this.forget(key);
    if (entry.text.length > this.#limits.chars) return;
    this.#entries.set(key, entry);
    this.#chars += entry.text.length;
    for (const [oldest, old] of this.#entries) {
      if (this.#entries.size <= this.#limits.entries && this.#chars <= this.#limits.chars) break;
      this.#entries.delete(oldest);
      this.#chars -= old.text.length;
    }
  }

  forget(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#chars -= entry.text.length;
  }

  /** What the cache holds now (tests and diagnostics). */
  get size(): { readonly entries: number; readonly chars: number } {
    return { entries: this.#entries.size, chars: this.#chars };
  }
}
