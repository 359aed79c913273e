import type { GcFigures, PauseFigures } from './pauses.js';
import type { LoadResult } from './run.js';

/** One kind of collector pause as a phrase: how often (per process), and how long. */
const pauses = (kind: string, p: PauseFigures, per: string) =>
  `${kind} ${p.perSecond}/s${per}, p50 ${p.p50Ms} / p99 ${p.p99Ms} / max ${p.maxMs} ms`;

/** Both kinds of pause and the share of time paused, as a phrase. */
const collector = (gc: GcFigures, per: string, whose: string) =>
  `${pauses('young', gc.young, per)}; ${pauses('full', gc.full, per)}; ${gc.pausedPercent}% of ${whose} time`;

/** The warm-up as a phrase. */
const warmUp = (w: LoadResult['warmUp']) =>
  w.candidates === 0
    ? 'none: the figures include the processes starting'
    : `${w.finished}/${w.candidates} interviews before the run, not in its figures: ${w.events} events, p50 ${w.p50Ms} / p99 ${w.p99Ms} ms`;

/** The figures as the CLI prints them, one line each. */
export function table(result: LoadResult): string {
  const lines = [
    `${result.candidates} candidates on ${result.processes} processes: ${result.events} events (${result.deliveries} deliveries, ${result.duplicatesDelivered} Slack-style duplicates, ${result.redeliveries} redeliveries) in ${result.seconds} s`,
    `warm-up               ${warmUp(result.warmUp)}`,
    `throughput            ${result.throughput} turns/s`,
    `turn latency          p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms (event sent -> reply recorded at Slack)`,
    `  by kind             ${Object.entries(result.byKind)
      .map(([kind, k]) => `${kind} p50 ${k.p50Ms} / p99 ${k.p99Ms} ms (${k.turns})`)
      .join(', ')}`,
    `runtime per turn      p50 ${result.runtimeP50Ms} ms, p99 ${result.runtimeP99Ms} ms; store part p50 ${result.storeP50Ms} ms`,
    `lock wait             p99 ${result.lockWaitP99Ms} ms`,
    `bare Redis get+set    p50 ${result.getSetP50Ms} ms; a runtime turn = ${result.ratioToGetSet}x (its store part alone ${result.storeRatioToGetSet}x)`,
    `collector pauses      bots: ${collector(result.gc, ' per bot', "the bots'")}`,
    `                      harness: ${collector(result.harnessGc, '', 'its')}`,
    `faults                ${result.faults.length === 0 ? 'none' : result.faults.join('; ')}`,
    `told "not saved"      ${result.notSavedReplies} (the same notice from a second process while Redis was down: ${result.repeatedNotSavedNotices}); late saves refused by the revision check: ${result.refusedLateSaves}`,
    `checks                lost ${result.lost}, doubled answers ${result.doubledAnswers}, duplicate replies ${result.duplicateReplies} (feedback re-posted after a kill mid-delivery: ${result.partialRedeliveries}), interleaved ${result.interleaved}, invalid sessions ${result.invalidSessions}, not-saved-but-stored ${result.notSavedButStored}, stalled ${result.stalled} (replies lost after being applied: ${result.repliesLost}), stuck ${result.stuck}`,
    `finished interviews   ${result.finished}/${result.candidates}; graceful shutdown ${result.gracefulShutdown ? 'yes' : 'NO'}; /metrics served ${result.metricsServed ? 'yes' : 'NO'}`,
    ...result.problems.map((problem) => `  ! ${problem}`),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Whether every check passed: nothing lost, doubled, duplicated (a turn's replies re-posted in part after a kill
 * included), interleaved or invalid; every interview done.
 */
export function passed(result: LoadResult): boolean {
  return (
    result.lost === 0 &&
    result.doubledAnswers === 0 &&
    result.duplicateReplies === 0 &&
    result.partialRedeliveries === 0 &&
    result.interleaved === 0 &&
    result.invalidSessions === 0 &&
    result.notSavedButStored === 0 &&
    result.stalled === 0 &&
    result.stuck === 0 &&
    result.finished === result.candidates &&
    result.warmUp.finished === result.warmUp.candidates &&
    result.gracefulShutdown
  );
}
