import type { Server } from 'node:http';
import { App as Bolt, type webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Config } from '../../src/config.js';
import type { App, Panels } from '../../src/runtime/index.js';
import { boltLogger } from './bolt-logger.js';
import { registerListeners } from './listeners.js';
import { registerPanelListeners } from './panel-listeners.js';
import { createPanelTurns, type PanelTurns } from './panel-turns.js';
import { createPeople } from './people.js';
import { createTurns, errorCode } from './turns.js';

/** What `startSlack` needs: the opened app, the configuration and a logger; tests add the fake's client options. */
export type SlackOptions = {
  readonly app: App;
  readonly config: Config;
  readonly logger: Logger;
  /** Web API client options (tests: the fake Slack's URL and small retries); merged over production's. */
  readonly clientOptions?: webApi.WebClientOptions;
  /** HTTP port; default SLACK_PORT (0 picks a free one). Ignored in Socket Mode. */
  readonly port?: number;
  /** Group panels (`/interview panel` in a channel); without them only solo interviews run. */
  readonly panels?: Panels;
};

/** A running Slack adapter. */
export type SlackHandle = {
  /** The HTTP port in HTTP mode; absent in Socket Mode. */
  readonly port?: number;
  /** Stops taking events, then waits for the turns under way to finish (the app's store stays open). */
  stop(): Promise<void>;
};

/** A 429 waits for Retry-After and is tried again; other failures are retried a few times with backoff. */
const productionClient: webApi.WebClientOptions = {
  rejectRateLimitedCalls: false,
  retryConfig: { retries: 3, factor: 2, minTimeout: 1_000, maxTimeout: 10_000, randomize: true },
};

/** Names the missing variable and where to find its value; thrown at start-up only. */
function missing(name: string, where: string): Error {
  return new Error(`${name} is not set: ${where} (see docs/slack.md).`);
}

/** Wires panels in: their listeners, and the runtime's timed replies (a turn timing out) posted in the thread. */
function startPanels(bolt: Bolt, panels: Panels, logger: Logger) {
  const people = createPeople({ client: bolt.client, logger });
  const turns: PanelTurns = createPanelTurns({ runtime: panels.runtime, client: bolt.client, people, logger });
  const command = registerPanelListeners(bolt, { turns, logger });
  panels.runtime.onTimed('slack', (key, replies) => turns.deliver(key, replies));
  return { turns, command };
}

/**
 * Starts the Slack adapter: HTTP (Events API and interactivity at /slack/events, signatures checked) by default,
 * Socket Mode when SLACK_APP_TOKEN is set. Throws at start-up when a needed variable is missing.
 */
export async function startSlack(options: SlackOptions): Promise<SlackHandle> {
  const { config } = options;
  const token = config.SLACK_BOT_TOKEN;
  if (token === undefined) throw missing('SLACK_BOT_TOKEN', 'OAuth & Permissions > Bot User OAuth Token (xoxb-…)');
  const appToken = config.SLACK_APP_TOKEN;
  const signingSecret = config.SLACK_SIGNING_SECRET;
  const mode =
    appToken !== undefined
      ? { socketMode: true, appToken }
      : signingSecret !== undefined
        ? { signingSecret }
        : undefined;
  if (mode === undefined) throw missing('SLACK_SIGNING_SECRET', 'Basic Information > App Credentials > Signing Secret');
  const logger = options.logger.child({ adapter: 'slack' });
  const bolt = new Bolt({
    token,
    logger: boltLogger(logger, config.LOG_SENSITIVE),
    clientOptions: { ...productionClient, ...options.clientOptions },
    ...mode,
    // init() below checks the token: an error there is thrown from startSlack, not left as an unhandled rejection.
    deferInitialization: true,
  });
  try {
    await bolt.init();
  } catch (error) {
    throw new Error(
      `Slack did not accept SLACK_BOT_TOKEN (${errorCode(error)}): copy it again from OAuth & Permissions (see docs/slack.md).`,
    );
  }
  const turns = createTurns({ runtime: options.app.runtime, client: bolt.client, logger });
  const panel = options.panels === undefined ? undefined : startPanels(bolt, options.panels, logger);
  registerListeners(bolt, {
    turns,
    logger,
    ...(panel === undefined ? {} : { panelCommand: panel.command }),
  });
  const stop = async () => {
    await bolt.stop();
    await Promise.all([turns.drain(), panel?.turns.drain()]);
  };
  if (appToken !== undefined) {
    await bolt.start();
    logger.info('Slack adapter connected in Socket Mode');
    return { stop };
  }
  const server = (await bolt.start(options.port ?? config.SLACK_PORT)) as Server;
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : undefined;
  logger.info({ port }, 'Slack adapter listening for events at /slack/events');
  return { ...(port === undefined ? {} : { port }), stop };
}
