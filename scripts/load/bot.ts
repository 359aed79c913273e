/**
 * One bot process of the load harness: the real app and the real Slack adapter in HTTP mode, pointed at the
 * harness's fake Slack (LOAD_SLACK_API_URL). It reports its port over IPC, keeps raw timings for the harness, and
 * shuts down gracefully on SIGTERM like `npm start` does.
 */
import { createClient } from '@keyv/redis';
import { startSlack } from '../../adapters/slack/index.js';
import { parseConfig } from '../../src/config.js';
import { createLogger, startService } from '../../src/runtime/index.js';
import type { Change } from '../../src/store/index.js';
import { observePauses } from './pauses.js';
import type { BotReport, FromBot, ToBot } from './protocol.js';

const send = (message: FromBot): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  const parsed = parseConfig(process.env);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  const config = parsed.value;
  const { LOAD_SLACK_API_URL: slackApiUrl, LOAD_PROBE_BYTES: probeBytes = '3000' } = process.env;
  if (slackApiUrl === undefined) throw new Error('LOAD_SLACK_API_URL is not set');
  const logger = createLogger({ level: config.LOG_LEVEL ?? 'warn' });

  const turns: [number, number][] = [];
  const lockWaits: number[] = [];
  const getSets: number[] = [];
  const failures: Record<string, number> = {};
  let freezeArmed = false;
  let dieArmed = false;
  let port = 0;

  const service = await startService(
    config,
    logger,
    async (app) => {
      // Fault injection for --freeze: the next turn that changes a session stops this process right after loading
      // it (holding the lease) and before saving; the harness resumes it after the lease has run out.
      const sessions = app.store.sessions;
      const update = sessions.update.bind(sessions);
      sessions.update = ((key, fn) =>
        update(key, (current, loaded) => {
          const change = fn(current, loaded) as Change<unknown, unknown>;
          if (freezeArmed && current !== undefined && change.next !== current) {
            freezeArmed = false;
            process.kill(process.pid, 'SIGSTOP');
          }
          return change as never;
        })) as typeof sessions.update;
      // Fault injection for --kill: this process dies (SIGKILL) in the middle of delivering a turn, right after the
      // first of its messages is recorded as posted; the process taking the event over must post only the rest.
      const { runtime } = app;
      const delivered = runtime.delivered.bind(runtime);
      runtime.delivered = async (inbound, progress) => {
        await delivered(inbound, progress);
        if (dieArmed && progress !== undefined) process.kill(process.pid, 'SIGKILL');
      };
      const slack = await startSlack({
        app,
        config,
        logger,
        clientOptions: { slackApiUrl, retryConfig: { retries: 0 } },
        port: 0,
      });
      port = slack.port ?? 0;
      return [slack];
    },
    {
      sweep: false,
      onTurn: (sample) => turns.push([sample.ms, sample.computeMs]),
      observer: {
        lockWait: (_collection, ms) => lockWaits.push(ms),
        failure: (op, code) => {
          failures[`${op}:${code}`] = (failures[`${op}:${code}`] ?? 0) + 1;
        },
      },
    },
  );

  // The yardstick: a bare GET and SET of a session-sized value on a plain client, in this process, under this load;
  // ten a second, thousands in a run, and a small share of the Redis traffic the turns make.
  const probe = createClient({ url: config.STORE_URL, disableOfflineQueue: true });
  probe.on('error', () => {});
  await probe.connect();
  const value = 'x'.repeat(Number(probeBytes));
  const probeKey = `load-probe:${process.pid}`;
  const timer = setInterval(async () => {
    try {
      const started = performance.now();
      await probe.get(probeKey);
      await probe.set(probeKey, value);
      getSets.push(performance.now() - started);
    } catch {
      // Redis is down (the restart fault): no sample.
    }
  }, 100);
  timer.unref();
  process.once('SIGTERM', () => {
    clearInterval(timer);
    probe.destroy();
  });

  // The collector's pauses stop every turn in this process: they are what a turn's p99 is made of here.
  const { pauses } = observePauses();
  const readyAt = performance.now();

  process.on('message', (message: ToBot) => {
    if (message.type === 'freeze-next-turn') freezeArmed = true;
    if (message.type === 'die-mid-delivery') dieArmed = true;
    if (message.type === 'report') {
      const upSeconds = (performance.now() - readyAt) / 1000;
      const report: BotReport = { turns, lockWaits, getSets, failures, gcPauses: pauses, upSeconds };
      send({ type: 'report', report });
    }
  });
  send({ type: 'ready', port, opsPort: service.ops?.port });
}

main().catch((error: unknown) => {
  send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 100).unref();
});
