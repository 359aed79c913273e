import type { Pauses } from './pauses.js';
/** Messages between the harness and a bot process over the IPC channel. */

/** Harness to bot. */
export type ToBot =
  | { readonly type: 'report' }
  | { readonly type: 'freeze-next-turn' }
  | { readonly type: 'die-mid-delivery' };

/** What a bot measured: raw samples in milliseconds, so the harness computes exact percentiles over all bots. */
export type BotReport = {
  /** Per turn: time in `runtime.handle`, and the part of it spent in the engine (the rest is the store's). */
  readonly turns: readonly (readonly [ms: number, computeMs: number])[];
  /** Per update or delete: time waited for the key (queue and lease). */
  readonly lockWaits: readonly number[];
  /** Bare `GET` then `SET` of a session-sized value on a plain node-redis client, sampled through the run. */
  readonly getSets: readonly number[];
  /** Store operations that failed, by `<op>:<code>` (e.g. `sessions update:conflict`). */
  readonly failures: Readonly<Record<string, number>>;
  /** The garbage collector's pauses since the bot was ready: young-generation (scavenge) and full (mark-compact). */
  readonly gcPauses: Pauses;
  /** Seconds since the bot was ready, over which the pauses were observed. */
  readonly upSeconds: number;
};

/** Bot to harness. */
export type FromBot =
  | { readonly type: 'ready'; readonly port: number; readonly opsPort: number | undefined }
  | { readonly type: 'report'; readonly report: BotReport }
  | { readonly type: 'fatal'; readonly message: string };
