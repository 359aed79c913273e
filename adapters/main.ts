import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import { type Config, loadConfig } from '../src/config.js';
import {
  createLogger,
  type Intake,
  openPanels,
  shardOf,
  shardOpsPort,
  shardPlan,
  startService,
} from '../src/runtime/index.js';
import { startDiscord } from './discord/index.js';
import { startSlack } from './slack/index.js';
import { runPractice } from './terminal/run.js';

/**
 * Runs every platform adapter configured in the environment, side by side, on one store. With DISCORD_SHARDS set,
 * this process is the shard manager and each Discord shard runs this same file as its own process.
 */
async function serve(config: Config): Promise<number> {
  const logger = createLogger({ level: config.LOG_LEVEL ?? 'info', sensitive: config.LOG_SENSITIVE });
  const shard = shardOf(process.env);
  const plan = shard === undefined ? shardPlan(config) : undefined;
  const opsPort = shard === undefined ? config.OPS_PORT : shardOpsPort(config, shard);
  const { OPS_PORT: _, ...rest } = config;
  const processConfig: Config = opsPort === undefined ? rest : { ...rest, OPS_PORT: opsPort };
  try {
    await startService(processConfig, logger, async (app) => {
      const panels = await openPanels(config, logger, app);
      const intakes: Intake[] = [];
      if (plan !== undefined) {
        const manager = new ShardingManager(fileURLToPath(import.meta.url), { ...plan, execArgv: [...plan.execArgv] });
        await manager.spawn();
        intakes.push({
          stop: async () => {
            for (const running of manager.shards.values()) running.kill();
          },
        });
      } else if (config.DISCORD_TOKEN !== undefined) {
        const messageContent = config.DISCORD_MESSAGE_CONTENT;
        const discord = await startDiscord({ app, config, logger, panels, messageContent });
        intakes.push({ stop: () => discord.stop() });
        logger.info({ shard }, 'Discord adapter started');
      }
      if (config.SLACK_BOT_TOKEN !== undefined && shard === undefined) {
        const slack = await startSlack({ app, config, logger, panels });
        intakes.push({ stop: () => slack.stop() });
        logger.info({ port: slack.port, socketMode: config.SLACK_APP_TOKEN !== undefined }, 'Slack adapter started');
      }
      // The panels' timers and store close after the adapters that use them.
      intakes.push({ stop: () => panels.close() });
      return intakes;
    });
  } catch (error) {
    logger.fatal({ err: error }, 'an adapter failed to start');
    return 1;
  }
  // startService exits the process after a signal's graceful shutdown.
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
