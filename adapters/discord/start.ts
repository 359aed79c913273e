import { Client, type ClientOptions, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../../src/config.js';
import type { App } from '../../src/runtime/boot.js';
import { noMentions } from './deliver.js';
import { onDirectMessage } from './direct-messages.js';
import { describeError, funnel, InFlight } from './funnel.js';
import { type HandlerDeps, onInteraction } from './interactions.js';
import { KeyedQueue } from './queue.js';
import { Deliveries } from './targets.js';

/** What `startDiscord` takes; `clientOptions` are for tests (e.g. `rest: { api }` pointing at a fake Discord). */
export type DiscordOptions = {
  readonly app: App;
  readonly config: Config;
  readonly logger: Logger;
  readonly clientOptions?: Partial<ClientOptions>;
};

/** A running Discord adapter. */
export type DiscordAdapter = {
  readonly client: Client<true>;
  /** Lets handlers in flight finish (up to a few seconds), then disconnects. Does not close the app. */
  stop(): Promise<void>;
};

const STOP_GRACE_MS = 5000;

/**
 * Logs the bot in and serves `/interview`, its buttons and modal, and DMs. Intents: Guilds and DirectMessages (no
 * privileged intent); DM channels arrive uncached, hence the Channel partial. Rejects, naming the fix, on a bad token.
 */
export async function startDiscord(options: DiscordOptions): Promise<DiscordAdapter> {
  const { app, config } = options;
  const logger = options.logger.child({ adapter: 'discord' });
  const token = config.DISCORD_TOKEN;
  if (token === undefined)
    throw new Error('DISCORD_TOKEN is not set: copy the bot token from the Developer Portal (Bot > Reset Token).');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: noMentions(),
    ...options.clientOptions,
  });
  const inFlight = new InFlight();
  const deps: HandlerDeps = {
    client,
    app,
    logger,
    sensitive: config.LOG_SENSITIVE,
    deliveries: new Deliveries(),
    queue: new KeyedQueue(),
  };
  const guard = { logger, sensitive: config.LOG_SENSITIVE, inFlight };
  client.on(
    Events.InteractionCreate,
    funnel(guard, 'interaction', (interaction) => onInteraction(deps, interaction)),
  );
  client.on(
    Events.MessageCreate,
    funnel(guard, 'direct message', (message) => onDirectMessage(deps, message)),
  );
  client.on(Events.Error, (error) => logger.error({ err: describeError(error, false) }, 'discord: client error'));
  client.on(Events.Warn, (warning) => logger.warn({ warning }, 'discord: client warning'));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw new Error(
      `Discord login failed (${error instanceof Error ? error.message : 'unknown error'}): check DISCORD_TOKEN.`,
    );
  }
  if (!client.isReady()) throw new Error('Discord: the client did not become ready.');
  logger.info({ bot: client.user.tag }, 'discord: connected');
  return {
    client,
    async stop() {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_GRACE_MS);
      });
      await Promise.race([inFlight.idle().then(() => deps.queue.idle()), grace]);
      clearTimeout(timer);
      await client.destroy();
    },
  };
}
