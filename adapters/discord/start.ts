import { Client, type ClientOptions, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Logger } from 'pino';
import type { Config } from '../../src/config.js';
import type { App } from '../../src/runtime/boot.js';
import type { Panels } from '../../src/runtime/index.js';
import { noMentions } from './deliver.js';
import { onDirectMessage } from './direct-messages.js';
import { describeError, funnel, InFlight } from './funnel.js';
import { type HandlerDeps, onInteraction } from './interactions.js';
import { deliverTimed, onPanelThreadMessage } from './panel-interactions.js';
import { Lobbies } from './panel-memory.js';
import { KeyedQueue } from './queue.js';
import { Deliveries } from './targets.js';

/** What `startDiscord` takes; `clientOptions` are for tests (e.g. `rest: { api }` pointing at a fake Discord). */
export type DiscordOptions = {
  readonly app: App;
  readonly config: Config;
  readonly logger: Logger;
  /** Group mock-interview panels (`/panel`); without them `/panel` says panels are not switched on. */
  readonly panels?: Panels;
  /**
   * Read messages typed in panel threads as answers (DISCORD_MESSAGE_CONTENT): asks for the GuildMessages and the
   * privileged Message Content intents, which the Developer Portal must allow. Off: answers go through the button.
   */
  readonly messageContent?: boolean;
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
 * Logs the bot in and serves `/interview`, its buttons and modal, and DMs, and `/panel` when panels are given.
 * Intents: Guilds and DirectMessages (no privileged intent), plus GuildMessages and MessageContent when typed panel
 * answers are switched on; DM channels arrive uncached, hence the Channel partial. Rejects, naming the fix, on a bad
 * token (or on a Message Content intent the Developer Portal does not allow).
 */
export async function startDiscord(options: DiscordOptions): Promise<DiscordAdapter> {
  const { app, config } = options;
  const logger = options.logger.child({ adapter: 'discord' });
  const token = config.DISCORD_TOKEN;
  if (token === undefined)
    throw new Error('DISCORD_TOKEN is not set: copy the bot token from the Developer Portal (Bot > Reset Token).');
  const typedAnswers = options.panels !== undefined && options.messageContent === true;
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.DirectMessages,
      ...(typedAnswers ? [GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent] : []),
    ],
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
    ...(options.panels === undefined
      ? {}
      : { panel: { panels: options.panels, typedAnswers, lobbies: new Lobbies() } }),
  };
  const { panel } = deps;
  if (panel !== undefined)
    panel.panels.runtime.onTimed('discord', (key, replies) => deliverTimed({ ...deps, panel }, key, replies));
  const guard = { logger, sensitive: config.LOG_SENSITIVE, inFlight };
  client.on(
    Events.InteractionCreate,
    funnel(guard, 'interaction', (interaction) => onInteraction(deps, interaction)),
  );
  client.on(
    Events.MessageCreate,
    funnel(guard, 'direct message', (message) => onDirectMessage(deps, message)),
  );
  if (typedAnswers)
    client.on(
      Events.MessageCreate,
      funnel(guard, 'panel message', (message) => onPanelThreadMessage(deps, message)),
    );
  client.on(Events.Error, (error) => logger.error({ err: describeError(error, false) }, 'discord: client error'));
  client.on(Events.Warn, (warning) => logger.warn({ warning }, 'discord: client warning'));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(token);
    await ready;
  } catch (error) {
    await client.destroy();
    const why = error instanceof Error ? error.message : 'unknown error';
    if (typedAnswers && /disallowed intent/i.test(why))
      throw new Error(
        `Discord login failed (${why}): DISCORD_MESSAGE_CONTENT is on, but the Message Content intent is not ` +
          'switched on for this bot (Developer Portal > Bot > Privileged Gateway Intents). Switch it on, or unset it.',
      );
    throw new Error(`Discord login failed (${why}): check DISCORD_TOKEN.`);
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
