import { type Config, loadConfig } from '../src/config.js';
import { createLogger, openApp, openPanels } from '../src/runtime/index.js';
import { startDiscord } from './discord/index.js';
import { startSlack } from './slack/index.js';
import { runPractice } from './terminal/run.js';

/** A running platform adapter. */
type Running = { readonly name: string; stop(): Promise<void> };

/** Starts every platform adapter configured in the environment, side by side, on one store. */
async function serve(config: Config): Promise<number> {
  const logger = createLogger({ level: config.LOG_LEVEL ?? 'info', sensitive: config.LOG_SENSITIVE });
  const app = openApp(config, logger);
  const panels = await openPanels(config, logger, app);
  const running: Running[] = [];
  try {
    if (config.DISCORD_TOKEN !== undefined) {
      const discord = await startDiscord({
        app,
        config,
        logger,
        panels,
        messageContent: config.DISCORD_MESSAGE_CONTENT,
      });
      running.push({ name: 'discord', stop: () => discord.stop() });
      logger.info('Discord adapter started');
    }
    if (config.SLACK_BOT_TOKEN !== undefined) {
      const slack = await startSlack({ app, config, logger, panels });
      running.push({ name: 'slack', stop: () => slack.stop() });
      logger.info({ port: slack.port, socketMode: config.SLACK_APP_TOKEN !== undefined }, 'Slack adapter started');
    }
  } catch (error) {
    logger.fatal({ err: error }, 'an adapter failed to start');
    await Promise.allSettled(running.map((r) => r.stop()));
    await panels.close();
    await app.close();
    return 1;
  }
  if (running.length === 0) {
    await panels.close();
    await app.close();
    return 1;
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  logger.info('shutting down: finishing the turns in flight');
  await Promise.allSettled(running.map((r) => r.stop()));
  await panels.close();
  await app.close();
  return 0;
}

/**
 * `npm start`: runs the bot on every platform configured in the environment; with none configured, a practice
 * interview in this terminal.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  if (!config.ok) {
    for (const line of config.errors) process.stderr.write(`Configuration: ${line}\n`);
    process.stderr.write('See .env.example for every variable and what it takes.\n');
    return 2;
  }
  const platforms = config.value.DISCORD_TOKEN !== undefined || config.value.SLACK_BOT_TOKEN !== undefined;
  return platforms ? serve(config.value) : runPractice(process.argv.slice(2));
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
