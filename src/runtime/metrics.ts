import { Counter, Histogram, Registry } from 'prom-client';
import type { StoreErrorCode, StoreObserver } from '../store/index.js';

/** How a turn ended, as the `outcome` label: `ok`, `duplicate` (dropped), or the error reply's code. */
export type TurnOutcome = 'ok' | 'duplicate' | 'not-saved' | 'internal' | 'rate-limited' | 'stale' | 'draining';

/** The process's metrics in one Prometheus registry (one registry per process; nothing global). */
export type Metrics = {
  readonly registry: Registry;
  /** One turn, its adapter (platform), how it ended and how long `handle` took. */
  turn(adapter: string, outcome: TurnOutcome, seconds: number): void;
  /** An event dropped because it was already handled (or being handled) by this process or another. */
  dedupeDrop(adapter: string): void;
  /** A turn that could not reach the store, by adapter and error code. */
  storeError(adapter: string, code: StoreErrorCode): void;
  /** Feeds the store's lock waits and operation failures into the metrics. */
  readonly observer: StoreObserver;
};

/** The platform of a session key (`solo:<platform>:…`, `group:<platform>:…`) or profile key (`<platform>:…`). */
export function adapterOfKey(key: string): string {
  const parts = key.split(':');
  const platform = parts[0] === 'solo' || parts[0] === 'group' ? parts[1] : parts[0];
  return platform === 'discord' || platform === 'slack' || platform === 'terminal' ? platform : 'other';
}

/**
 * Builds the metrics. Turn latency buckets are fine below 20 ms (the scale-out target) and reach 10 s (a lock held
 * by a process that died waits out its lease). The process metrics (CPU, memory, event-loop lag) are added by the
 * operations server, so an app that serves no metrics starts no collectors.
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  const turns = new Counter({
    name: 'interview_turns_total',
    help: 'Events handled by the runtime, by adapter and outcome.',
    labelNames: ['adapter', 'outcome'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'interview_turn_duration_seconds',
    help: 'Time from an event reaching the runtime to its replies being ready (saved), by adapter.',
    labelNames: ['adapter'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  const lockWaits = new Histogram({
    name: 'interview_lock_wait_seconds',
    help: "Time an update waited for its key: this process's queue, then the lease held by another process.",
    labelNames: ['adapter', 'collection'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5, 10],
    registers: [registry],
  });
  const drops = new Counter({
    name: 'interview_dedupe_drops_total',
    help: 'Events dropped without a reply because their id was already handled or claimed, by adapter.',
    labelNames: ['adapter'] as const,
    registers: [registry],
  });
  const turnErrors = new Counter({
    name: 'interview_store_errors_total',
    help: 'Turns that could not be saved or read, by adapter and store error code.',
    labelNames: ['adapter', 'code'] as const,
    registers: [registry],
  });
  const opErrors = new Counter({
    name: 'interview_store_operation_errors_total',
    help: 'Failed store operations (each retry counts), by operation and error code.',
    labelNames: ['op', 'code'] as const,
    registers: [registry],
  });
  return {
    registry,
    turn(adapter, outcome, seconds) {
      turns.inc({ adapter, outcome });
      latency.observe({ adapter }, seconds);
    },
    dedupeDrop: (adapter) => drops.inc({ adapter }),
    storeError: (adapter, code) => turnErrors.inc({ adapter, code }),
    observer: {
      lockWait: (collection, ms, key) => lockWaits.observe({ adapter: adapterOfKey(key), collection }, ms / 1000),
      failure: (op, code) => opErrors.inc({ op, code }),
    },
  };
}
