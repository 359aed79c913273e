import { fileURLToPath } from 'node:url';
import { type Config, loadConfig } from '../src/config.js';
import {
  createLogger,
  type Intake,
  openPanels,
  shardOf,
  shardOpsPort,
  shardPlan,
  shardStopMs,
  startService,
} from '../src/runtime/index.js';
import { startDiscord } from './discord/index.js';
import { startShards } from './discord/shard-manager.js';
import { followManager } from './discord/shard-process.js';
import { startSlack } from './slack/index.js';
import { runPractice } from './terminal/run.js';

/**
 * Runs every platform adapter configured in the environment, side by side, on one store. With DISCORD_SHARDS set,
 * this process is the shard manager (it serves Slack, if configured, but not Discord) and each Discord shard runs
 * this same file as its own process, serving Discord only.
 */
async function serve(config: Config): Promise<number> {
  const shard = shardOf(process.env);
  const base = createLogger({ level: config.LOG_LEVEL ?? 'info', sensitive: config.LOG_SENSITIVE });
  const logger = shard === undefined ? base : base.child({ shard: shard.id });
  const plan = shard === undefined ? shardPlan(config) : undefined;
  const opsPort = shard === undefined ? config.OPS_PORT : shardOpsPort(config, shard);
  const { OPS_PORT: _, ...rest } = config;
  const processConfig: Config = opsPort === undefined ? rest : { ...rest, OPS_PORT: opsPort };
  const api = config.DISCORD_API_URL;
  const discordHere = plan === undefined && config.DISCORD_TOKEN !== undefined;
  const slackHere = config.SLACK_BOT_TOKEN !== undefined && shard === undefined;
  try {
    const service = await startService(
      processConfig,
      logger,
      async (app) => {
        // Panels only where an adapter delivers them: a process without one would fire their deadlines unheard.
        const panels = discordHere || slackHere ? await openPanels(config, logger, app) : undefined;
        const intakes: Intake[] = [];
        if (plan !== undefined) {
          const entry = fileURLToPath(import.meta.url);
          intakes.push(await startShards({ plan, entry, logger, api, stopMs: shardStopMs(config) }));
        } else if (discordHere) {
          const messageContent = config.DISCORD_MESSAGE_CONTENT;
          const clientOptions = api === undefined ? {} : { clientOptions: { rest: { api } } };
          const discord = await startDiscord({
            app,
            config,
            logger,
            ...(panels === undefined ? {} : { panels }),
            messageContent,
            ...clientOptions,
          });
          intakes.push({ stop: () => discord.stop() });
          logger.info({ shard }, 'Discord adapter started');
        }
        if (slackHere) {
          const slack = await startSlack({ app, config, logger, ...(panels === undefined ? {} : { panels }) });
          intakes.push({ stop: () => slack.stop() });
          logger.info({ port: slack.port, socketMode: config.SLACK_APP_TOKEN !== undefined }, 'Slack adapter started');
        }
        // The panels' timers and store close after the adapters that use them.
        if (panels !== undefined) intakes.push({ stop: () => panels.close() });
        return intakes;
      },
      { signals: shard === undefined },
    );
    if (shard !== undefined) followManager(service, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'an adapter failed to start');
    return 1;
  }
  // The process exits after a signal's graceful shutdown (startService's handlers, or followManager's in a shard).
  return new Promise<number>(() => {});
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
