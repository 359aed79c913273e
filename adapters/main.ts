import { loadConfig } from '../src/config.js';
import { runPractice } from './terminal/run.js';

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
  const platforms = [
    ...(config.value.DISCORD_TOKEN === undefined ? [] : ['Discord']),
    ...(config.value.SLACK_BOT_TOKEN === undefined ? [] : ['Slack']),
  ];
  if (platforms.length > 0) {
    process.stderr.write(
      `${platforms.join(' and ')} ${platforms.length === 1 ? 'is' : 'are'} configured, but this build has only the terminal adapter. ` +
        'Unset the platform variables to practise in the terminal.\n',
    );
    return 2;
  }
  return runPractice(process.argv.slice(2));
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
