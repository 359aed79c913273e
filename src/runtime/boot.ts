import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Library, Profile, Session } from '../engine/index.js';
import type { Store, StoreObserver } from '../store/index.js';
import { openInterviewStore } from './interview-store.js';
import { loadLibrary } from './library.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createRuntime, type Runtime, type TurnSample } from './runtime.js';

/** Everything a process needs to serve interviews, built once at start-up. */
export type App = {
  readonly runtime: Runtime;
  readonly store: Store<Session, Profile>;
  readonly library: Library;
  /** This process's Prometheus registry and the counters fed by the runtime and the store. */
  readonly metrics: Metrics;
  /** Stops the sweep timer and closes the store (let `runtime.drain()` finish the turns under way first). */
  close(): Promise<void>;
};

/** Options of `openApp`, mostly for tests and the load harness. */
export type OpenOptions = {
  readonly clock?: () => number;
  readonly sweep?: boolean;
  /** Metrics to feed; a new registry when absent. */
  readonly metrics?: Metrics;
  /** Also told of every store lock wait and failure (besides the metrics). */
  readonly observer?: StoreObserver;
  /** Told of every turn's timings. */
  readonly onTurn?: (sample: TurnSample) => void;
};

const HOUR = 3_600_000;

/** Loads the packs, opens the store and builds the runtime; throws at start-up only, naming the fix. */
export function openApp(config: Config, logger: Logger, options: OpenOptions = {}): App {
  const library = loadLibrary();
  const metrics = options.metrics ?? createMetrics();
  const extra = options.observer;
  const store = openInterviewStore({
    url: config.STORE_URL,
    logger,
    leaseMs: config.STORE_LEASE_MS,
    observer: {
      lockWait: (collection, ms, key) => {
        metrics.observer.lockWait?.(collection, ms, key);
        extra?.lockWait?.(collection, ms, key);
      },
      failure: (op, code) => {
        metrics.observer.failure?.(op, code);
        extra?.failure?.(op, code);
      },
    },
  });
  const runtime = createRuntime({
    store,
    library,
    logger,
    metrics,
    sessionTtlMs: config.SESSION_TTL_HOURS * HOUR,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    // A delivery of an event another process works on waits for it at most this long: enough for that process's
    // turn to wait out a lease, or for its heartbeat to lapse if it died.
    claimWaitMs: 2 * config.STORE_LEASE_MS + 4000,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.onTurn === undefined ? {} : { onTurn: options.onTurn }),
  });
  const sweep = async () => {
    try {
      const filed = await runtime.sweep();
      if (filed > 0) logger.info({ filed }, 'filed idle sessions in their history');
    } catch (error) {
      logger.warn({ err: error }, 'idle-session sweep failed; it runs again later');
    }
  };
  const timer = options.sweep === false ? undefined : setInterval(sweep, config.SWEEP_INTERVAL_MINUTES * 60_000);
  timer?.unref();
  if (options.sweep !== false) void sweep();
  return {
    runtime,
    store,
    library,
    metrics,
    async close() {
      if (timer !== undefined) clearInterval(timer);
      await store.close();
    },
  };
}
