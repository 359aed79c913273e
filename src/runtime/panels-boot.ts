import type { Logger } from 'pino';
import type { Config } from '../config.js';
import {
  type PanelSession,
  PanelSessionSchema,
  PROFILE_VERSION,
  type Profile,
  ProfileSchema,
} from '../engine/index.js';
import { openStore, type Store } from '../store/index.js';
import type { App } from './boot.js';
import { createPanelRuntime, type PanelRuntime } from './panels.js';

/** The version of the stored panel shape. */
export const PANEL_VERSION = 1;

/** Group panels beside an app: their own namespaces on the same store URL, the app's profiles for history. */
export type Panels = {
  readonly runtime: PanelRuntime;
  readonly store: Store<PanelSession, Profile>;
  close(): Promise<void>;
};

/** Opens the panel store and runtime, and schedules the deadlines of panels already under way. */
export async function openPanels(
  config: Config,
  logger: Logger,
  app: App,
  options: { clock?: () => number; timers?: boolean } = {},
): Promise<Panels> {
  const store = openStore<PanelSession, Profile>({
    url: config.STORE_URL,
    prefix: 'panel',
    sessions: { version: PANEL_VERSION, schema: PanelSessionSchema },
    profiles: { version: PROFILE_VERSION, schema: ProfileSchema },
    logger,
    leaseMs: config.STORE_LEASE_MS,
    observer: app.metrics.observer,
  });
  const runtime = createPanelRuntime({
    panels: store.sessions,
    profiles: app.store.profiles,
    library: app.library,
    logger,
    rates: store,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE * 3,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.timers === undefined ? {} : { timers: options.timers }),
  });
  const resume = async () => {
    try {
      await runtime.resume();
    } catch (error) {
      logger.warn(
        { err: error },
        'could not schedule the deadlines of running panels; they move on at their next event',
      );
    }
  };
  await resume();
  // With several processes on one store, a deadline may have been scheduled only by a process that has since died:
  // every process looks again each minute (a tick fired twice is a replay, so the first one wins).
  const rescan = options.timers === false ? undefined : setInterval(() => void resume(), 60_000);
  rescan?.unref();
  return {
    runtime,
    store,
    async close() {
      if (rescan !== undefined) clearInterval(rescan);
      runtime.close();
      await store.close();
    },
  };
}
