import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { seededRandom } from '../../src/engine/index.js';
import { startFakeSlack } from '../../tests/fakes/slack/index.js';
import { type CandidateRecord, createCandidate, type SentEvent, type TurnKind } from './candidate.js';
import { type CheckResult, checkRecords } from './checks.js';
import { startFleet } from './fleet.js';
import type { LoadOptions } from './options.js';
import { type GcFigures, gcFigures, observePauses } from './pauses.js';
import type { BotReport } from './protocol.js';
import { type PrivateRedis, startPrivateRedis } from './redis-server.js';
import { createBalancer, type Posted, watchPosts } from './slack-side.js';
import { percentile, round2 } from './stats.js';

/** The figures of one run (`--json` prints exactly this). */
export type LoadResult = {
  readonly candidates: number;
  readonly processes: number;
  /** Events the candidates sent (each counted once, however often it was delivered). */
  readonly events: number;
  /** HTTP deliveries to the bots: events, Slack-style duplicates and redeliveries. */
  readonly deliveries: number;
  readonly duplicatesDelivered: number;
  readonly redeliveries: number;
  readonly finished: number;
  /** The warm-up's candidates, run before the measured ones: not in the figures, but in every check. */
  readonly warmUp: {
    readonly candidates: number;
    readonly finished: number;
    readonly events: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
  };
  /** Events without a reply and candidates the script could not carry on, the warm-up's included. */
  readonly stalled: number;
  readonly stuck: number;
  readonly seconds: number;
  /** Events answered per second over the run. */
  readonly throughput: number;
  /** Turn latency end to end: the first delivery sent to the reply that ended the turn, recorded at the fake. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The same by kind of turn: a finishing answer files the interview and posts the whole report. */
  readonly byKind: Readonly<
    Record<TurnKind, { readonly turns: number; readonly p50Ms: number; readonly p99Ms: number }>
  >;
  /** Time in the runtime per turn (claim, lock, load, step, save, release), in the bot processes. */
  readonly runtimeP50Ms: number;
  readonly runtimeP99Ms: number;
  /** The store's part of a turn: runtime time less the engine's compute. */
  readonly storeP50Ms: number;
  readonly lockWaitP99Ms: number;
  /** A bare GET then SET of a session-sized value on a plain client in the same processes during the run. */
  readonly getSetP50Ms: number;
  /** A whole runtime turn (store, evaluation, engine) over a bare get+set (medians): the ratio. */
  readonly ratioToGetSet: number;
  /** The store's part of a turn alone over a bare get+set (medians). */
  readonly storeRatioToGetSet: number;
  /** The garbage collector's pauses in the bots, which stop every turn under way in the process. */
  readonly gc: GcFigures;
  /**
   * The harness's own collector pauses while the candidates ran: the fake Slack, the balancer and the candidates
   * share its thread, so a pause there adds to the measured latency of every turn under way.
   */
  readonly harnessGc: GcFigures;
  readonly notSavedReplies: number;
  /** Late saves refused because another process moved the session on (the fencing at work). */
  readonly refusedLateSaves: number;
  readonly faults: readonly string[];
  /** Every bot still alive exited 0 on SIGTERM (graceful shutdown). */
  readonly gracefulShutdown: boolean;
  readonly metricsServed: boolean;
} & Omit<CheckResult, 'problems'> & { readonly problems: readonly string[] };

/** How many turns replied, and their p50 and p99 latency. */
function latencyOf(events: readonly SentEvent[]): {
  readonly turns: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
} {
  const of = events.filter((e) => e.outcome === 'replied').map((e) => e.latencyMs);
  return { turns: of.length, p50Ms: round2(percentile(of, 50)), p99Ms: round2(percentile(of, 99)) };
}

/** The Slack signing secret of the run (the fake signs with it, the bots check it). */
const signingSecret = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
/** A whole interview is about 13 events: start, company, role, then a vague answer and a story per question. */
const EVENTS_PER_INTERVIEW = 13;

/** Runs one load test end to end and checks it; `log` receives progress lines (stderr in the CLI). */
export async function runLoad(options: LoadOptions, log: (line: string) => void = () => {}): Promise<LoadResult> {
  const random = seededRandom(options.seed);
  const redis: PrivateRedis | undefined =
    options.redisUrl === undefined ? await startPrivateRedis({ durable: options.redisRestart }) : undefined;
  const redisUrl = options.redisUrl ?? redis?.url ?? '';
  // The run follows the posts as they come (watchPosts), so the fake keeps neither a call log nor the messages (the
  // bots update none): holding every message the bots post, the harness's collector would copy them all, and its
  // pauses add to the latencies it measures.
  const fake = await startFakeSlack({ identity: { signingSecret }, keepCalls: false, historyPerChannel: 0 });
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const faults: string[] = [];
  const cleanups: (() => Promise<unknown> | unknown)[] = [() => fake.close(), () => redis?.close()];
  try {
    log(`starting ${options.processes} bot processes on ${redisUrl}`);
    const { PATH, HOME, LOAD_BOT_LOG_LEVEL } = process.env;
    const env: NodeJS.ProcessEnv = {
      PATH,
      HOME,
      NODE_ENV: 'production',
      STORE_URL: redisUrl,
      SLACK_BOT_TOKEN: fake.identity.botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: LOAD_BOT_LOG_LEVEL ?? 'error',
      STORE_LEASE_MS: String(options.leaseMs),
      OPS_PORT: '0',
      OPS_HOST: '127.0.0.1',
      SHUTDOWN_GRACE_SECONDS: '20',
      LOAD_SLACK_API_URL: fake.apiUrl,
    };
    const fleet = await startFleet(options.processes, env);
    cleanups.unshift(() => Promise.all(fleet.bots.map((bot) => bot.alive && bot.child.kill('SIGKILL'))));
    const balancer = createBalancer({
      fake,
      bots: () => fleet.bots,
      duplicateRate: options.duplicateRate,
      redeliverAfterMs: options.redeliverAfterMs,
      random,
      quiet: () => redisDown,
    });
    let redisDown = false;

    const byChannel = new Map<string, (posted: Posted) => void>();
    const unwatch = watchPosts(fake, (posted) => byChannel.get(posted.channel)?.(posted));
    cleanups.unshift(unwatch);

    // Faults fire once this share of the expected events has been sent.
    const expectedEvents = options.candidates * EVENTS_PER_INTERVIEW;
    let sent = 0;
    let fault: Promise<void> | undefined;
    const onSend = () => {
      sent++;
      if (fault === undefined && sent >= 0.4 * expectedEvents) fault = injectFault();
    };
    const injectFault = async (): Promise<void> => {
      if (options.kill) {
        const victim = fleet.bots.at(-1);
        if (victim !== undefined) {
          const at = sent;
          const midDelivery = await fleet.killMidDelivery(victim, 10_000);
          faults.push(
            midDelivery
              ? `SIGKILL bot ${victim.index} after ${at} events, while it delivered a turn (its first message posted)`
              : `SIGKILL bot ${victim.index} after ${at} events (no turn of several messages came within 10 s)`,
          );
          log(faults.at(-1) ?? '');
        }
      }
      if (options.redisRestart && redis !== undefined) {
        redisDown = true;
        await redis.stop();
        faults.push(`Redis stopped after ${sent} events for ${options.outageMs} ms`);
        log(faults.at(-1) ?? '');
        await sleep(options.outageMs);
        await redis.start();
        redisDown = false;
        log('Redis restarted');
      }
      if (options.freeze) {
        const victim = fleet.bots[0];
        if (victim !== undefined) {
          const frozen = await fleet.freezeInTurn(victim, 10_000);
          faults.push(
            frozen
              ? `SIGSTOP bot ${victim.index} inside a turn (holding a lease) for ${options.freezeMs} ms, then SIGCONT`
              : `bot ${victim.index} never froze (no turn changed a session within 10 s)`,
          );
          log(faults.at(-1) ?? '');
          if (frozen) {
            await sleep(options.freezeMs);
            fleet.thaw(victim);
          }
        }
      }
    };

    // A redelivery waits out the silence after which a dead process's saved replies pass on, plus a retry or two.
    const stallMs = 3 * (2 * options.leaseMs + 1000) + 4 * options.redeliverAfterMs + options.freezeMs + 15_000;
    // Candidates `from` to `from + count - 1`; the warm-up's come after the measured ones, and send no fault.
    const cohort = (from: number, count: number, thinkMs: number, sent: () => void) =>
      Array.from({ length: count }, (_, i) => {
        const candidate = createCandidate(from + i, {
          fake,
          deliver: balancer.deliver,
          random,
          thinkMs,
          stallMs,
          tag,
          onSend: sent,
        });
        byChannel.set(candidate.channel, candidate.onPost);
        return candidate;
      });
    const deadline = sleep(options.deadlineMs).then(() => 'deadline' as const);
    const runAll = async (cohort: readonly ReturnType<typeof createCandidate>[]): Promise<CandidateRecord[]> => {
      const outcome = await Promise.race([Promise.all(cohort.map((candidate) => candidate.run())), deadline]);
      if (outcome === 'deadline') throw new Error(`the run did not finish within ${options.deadlineMs} ms`);
      return outcome;
    };
    let warmRecords: CandidateRecord[] = [];
    if (options.warmUp > 0) {
      log(`${options.warmUp} candidates warm the processes up`);
      warmRecords = await runAll(cohort(options.candidates, options.warmUp, options.thinkMs / 10, () => {}));
    }
    // The warm-up's deliveries are not the run's (a straggling duplicate of its last turns may still count).
    const beforeRun = { ...balancer.counts };
    const candidates = cohort(0, options.candidates, options.thinkMs, onSend);
    log(`${options.candidates} candidates start their interviews`);
    const harness = observePauses();
    cleanups.unshift(harness.stop);
    const started = performance.now();
    const records = await runAll(candidates);
    const seconds = (performance.now() - started) / 1000;
    harness.stop();
    await fault;
    // Late duplicates, a thawed process finishing its turn: let them land before anything is counted.
    await sleep(Math.max(1000, options.leaseMs / 2));

    log('checking Redis and the fake Slack records');
    const reports: BotReport[] = await fleet.reports();
    const metricsServed = await scrape(fleet.bots.find((bot) => bot.alive)?.opsPort);
    const everyone = [...records, ...warmRecords];
    const checks = await checkRecords(redisUrl, everyone);
    const exits = await fleet.stop();
    const killed = new Set(fleet.bots.filter((bot) => bot.child.signalCode === 'SIGKILL').map((bot) => bot.index));
    const gracefulShutdown = exits.every((code, i) => killed.has(i) || code === 0);

    const events = records.flatMap((record) => record.events);
    const warmEvents = warmRecords.flatMap((record) => record.events);
    const latency = latencyOf(events);
    const kinds: readonly TurnKind[] = ['start', 'intro', 'answer', 'finish'];
    const byKind = Object.fromEntries(
      kinds.map((kind) => [kind, latencyOf(events.filter((e) => e.kind === kind))]),
    ) as LoadResult['byKind'];
    const turns = reports.flatMap((report) => report.turns);
    const runtimeMs = turns.map(([ms]) => ms);
    const storeMs = turns.map(([ms, compute]) => ms - compute);
    const getSets = reports.flatMap((report) => report.getSets);
    const failures = (suffix: string) =>
      reports.reduce(
        (sum, report) =>
          sum +
          Object.entries(report.failures)
            .filter(([key]) => key.startsWith('sessions update') && key.endsWith(suffix))
            .reduce((n, [, count]) => n + count, 0),
        0,
      );
    const getSetP50 = percentile(getSets, 50);
    const { problems, ...found } = checks;
    return {
      candidates: options.candidates,
      processes: options.processes,
      events: events.length,
      deliveries: balancer.counts.deliveries - beforeRun.deliveries,
      duplicatesDelivered: balancer.counts.duplicates - beforeRun.duplicates,
      redeliveries: balancer.counts.redeliveries - beforeRun.redeliveries,
      finished: records.filter((record) => record.finished).length,
      warmUp: {
        candidates: warmRecords.length,
        finished: warmRecords.filter((record) => record.finished).length,
        events: warmEvents.length,
        p50Ms: latencyOf(warmEvents).p50Ms,
        p99Ms: latencyOf(warmEvents).p99Ms,
      },
      stalled: [...events, ...warmEvents].filter((e) => e.outcome === 'stalled').length,
      stuck: everyone.filter((record) => record.stuck !== undefined).length,
      seconds: round2(seconds),
      throughput: round2(latency.turns / seconds),
      p50Ms: latency.p50Ms,
      p99Ms: latency.p99Ms,
      byKind,
      runtimeP50Ms: round2(percentile(runtimeMs, 50)),
      runtimeP99Ms: round2(percentile(runtimeMs, 99)),
      storeP50Ms: round2(percentile(storeMs, 50)),
      lockWaitP99Ms: round2(
        percentile(
          reports.flatMap((report) => report.lockWaits),
          99,
        ),
      ),
      getSetP50Ms: round2(getSetP50),
      ratioToGetSet: round2(percentile(runtimeMs, 50) / getSetP50),
      storeRatioToGetSet: round2(percentile(storeMs, 50) / getSetP50),
      gc: gcFigures(reports),
      harnessGc: gcFigures([{ gcPauses: harness.pauses, upSeconds: seconds }]),
      notSavedReplies: events.filter((e) => e.outcome === 'not-saved').length,
      refusedLateSaves: failures(':conflict'),
      faults,
      gracefulShutdown,
      metricsServed,
      ...found,
      problems: [
        ...problems,
        ...everyone
          .filter((record) => record.stuck !== undefined)
          .slice(0, 5)
          .map((record) => `${record.user}: stuck after "${record.stuck}"`),
      ],
    };
  } finally {
    for (const cleanup of cleanups) await Promise.resolve(cleanup()).catch(() => {});
  }
}

/** Whether a bot's /metrics answers in Prometheus format with the turn counter. */
async function scrape(port: number | undefined): Promise<boolean> {
  if (port === undefined) return false;
  try {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    return response.ok && (await response.text()).includes('interview_turns_total');
  } catch {
    return false;
  }
}
