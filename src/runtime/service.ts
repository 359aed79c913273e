import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { type App, type OpenOptions, openApp } from './boot.js';
import { type OpsServer, startOps } from './ops.js';
import { warmUp } from './warm-up.js';

/** Anything started on top of the app that takes events (an adapter, the shards) or serves them (the panels). */
export type Intake = {
  /** Stops taking new events and resolves once the ones it took are answered. */
  stop(): Promise<void>;
};

/** A process serving the bot: the app, its operations endpoint (when OPS_PORT is set) and its intakes. */
export type Service = {
  readonly app: App;
  readonly ops: OpsServer | undefined;
  /**
   * Shuts down once, in order: /healthz turns 503, the intakes stop one after another, the turns under way finish
   * (their leases released, their claims settled), the operations server and then the store close. Resolves to
   * false when it did not finish within SHUTDOWN_GRACE_SECONDS (the caller exits anyway).
   */
  shutdown(reason: string): Promise<boolean>;
};

/** Options of `startService`. */
export type ServiceOptions = OpenOptions & {
  /** Exit the process on SIGTERM and SIGINT after shutting down (default true; tests pass false). */
  readonly signals?: boolean;
};

/**
 * Opens the app and its operations endpoint, starts the intakes `start` returns, and (unless told otherwise) shuts
 * it all down on SIGTERM or SIGINT, then exits: 0 after a clean shutdown, 1 when the grace period ran out. A second
 * signal exits at once.
 */
export async function startService(
  config: Config,
  logger: Logger,
  start: (app: App) => Promise<readonly Intake[]>,
  options: ServiceOptions = {},
): Promise<Service> {
  const app = openApp(config, logger, options);
  // Before any event comes in: the first turns of a cold process would otherwise be ten times slower than the rest.
  const warming = performance.now();
  try {
    const { turns } = await warmUp(app.library);
    logger.info({ turns, ms: Math.round(performance.now() - warming) }, 'engine warmed up');
  } catch (error) {
    logger.warn({ err: error }, 'warm-up failed; the first turns will be slower');
  }
  const ops =
    config.OPS_PORT === undefined
      ? undefined
      : await startOps({
          port: config.OPS_PORT,
          host: config.OPS_HOST,
          registry: app.metrics.registry,
          ping: () => app.store.ping(),
          logger,
        });
  let intakes: readonly Intake[];
  try {
    intakes = await start(app);
  } catch (error) {
    await ops?.close();
    await app.close();
    throw error;
  }

  let shuttingDown: Promise<boolean> | undefined;
  const shutdown = (reason: string): Promise<boolean> => {
    shuttingDown ??= (async () => {
      logger.info({ reason }, 'shutting down: no new events; finishing the turns under way');
      const steps = (async () => {
        ops?.markDraining();
        // In order: adapters first, then whatever they use (e.g. the panels' store).
        for (const intake of intakes)
          await intake.stop().catch((error: unknown) => logger.warn({ err: error }, 'stop'));
        await app.runtime.drain();
        await ops?.close();
        await app.close();
      })();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), config.SHUTDOWN_GRACE_SECONDS * 1000);
      });
      const finished = await Promise.race([steps.then(() => true as const), late]);
      clearTimeout(timer);
      if (finished) logger.info('shut down cleanly');
      else logger.error({ graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, 'shutdown did not finish in time');
      return finished;
    })();
    return shuttingDown;
  };

  if (options.signals !== false) {
    const onSignal = (signal: NodeJS.Signals): void => {
      if (shuttingDown !== undefined) {
        logger.warn({ signal }, 'second signal: exiting now');
        process.exit(1);
      }
      void shutdown(signal).then((clean) => process.exit(clean ? 0 : 1));
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  return { app, ops, shutdown };
}
