import type { Logger } from 'pino';
import type { Config } from '../config.js';
import {
  type Library,
  PROFILE_VERSION,
  type Profile,
  ProfileSchema,
  SESSION_VERSION,
  type Session,
  SessionSchema,
} from '../engine/index.js';
import { openStore, type Store } from '../store/index.js';
import { loadLibrary } from './library.js';
import { createRuntime, type Runtime } from './runtime.js';

/** Everything a process needs to serve interviews, built once at start-up. */
export type App = {
  readonly runtime: Runtime;
  readonly store: Store<Session, Profile>;
  readonly library: Library;
  /** Stops the sweep timer and closes the store. */
  close(): Promise<void>;
};

const HOUR = 3_600_000;

/** Loads the packs, opens the store and builds the runtime; throws at start-up only, naming the fix. */
export function openApp(config: Config, logger: Logger, options: { clock?: () => number; sweep?: boolean } = {}): App {
  const library = loadLibrary();
  const store = openStore<Session, Profile>({
    url: config.STORE_URL,
    sessions: { version: SESSION_VERSION, schema: SessionSchema },
    profiles: { version: PROFILE_VERSION, schema: ProfileSchema },
    logger,
  });
  const runtime = createRuntime({
    store,
    library,
    logger,
    sessionTtlMs: config.SESSION_TTL_HOURS * HOUR,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });
  const sweep = async () => {
    try {
      const filed = await runtime.sweep();
      if (filed > 0) logger.info({ filed }, 'filed idle sessions in their history');
    } catch (error) {
      logger.warn({ err: error }, 'idle-session sweep failed; it runs again later');
    }
  };
  const timer = options.sweep === false ? undefined : setInterval(sweep, HOUR);
  timer?.unref();
  if (options.sweep !== false) void sweep();
  return {
    runtime,
    store,
    library,
    async close() {
      if (timer !== undefined) clearInterval(timer);
      await store.close();
    },
  };
}
