import { loadConfig } from '../../src/config.js';
import { createLogger, openApp } from '../../src/runtime/index.js';
import { parsePracticeArgs, usage } from './args.js';
import { practise } from './practice.js';

/** `npm run practice`: a practice interview in this terminal, with no bot account. */
export async function runPractice(argv: readonly string[]): Promise<number> {
  const args = parsePracticeArgs(argv);
  if (!args.ok) {
    for (const line of args.errors) process.stderr.write(`${line}\n`);
    process.stderr.write('Run npm run practice -- --help for the options.\n');
    return 2;
  }
  if (args.value.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const config = loadConfig();
  if (!config.ok) {
    for (const line of config.errors) process.stderr.write(`Configuration: ${line}\n`);
    return 2;
  }
  // Terminal output is the interview itself, so logs go to stderr and only warnings by default.
  const logger = createLogger({
    level: config.value.LOG_LEVEL ?? 'warn',
    sensitive: config.value.LOG_SENSITIVE,
    destination: process.stderr,
  });
  const app = openApp(config.value, logger);
  try {
    await practise({
      runtime: app.runtime,
      user: args.value.user,
      start: args.value.start,
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
    });
    return 0;
  } finally {
    await app.close();
  }
}
