/**
 * `npm run load`: several bot processes (the real Slack adapter in HTTP mode) on one Redis, a fake Slack, and a load
 * balancer that delivers signed events round-robin, some of them two or three times as Slack's retries are. Prints
 * throughput, latency and lock-wait figures and what the checks found; `--json` prints them as one object. Exits 1
 * when a check fails. See docs/scale-out.md.
 */
import { parseLoadArgs } from './load/options.js';
import { passed, table } from './load/report.js';
import { runLoad } from './load/run.js';

async function main(): Promise<number> {
  let options: ReturnType<typeof parseLoadArgs>;
  try {
    options = parseLoadArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const result = await runLoad(options, (line) => process.stderr.write(`load: ${line}\n`));
  process.stdout.write(options.json ? `${JSON.stringify(result)}\n` : table(result));
  return passed(result) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
