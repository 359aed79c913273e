import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { percentile, round2 } from './stats.js';

/** This process's garbage-collector pauses so far, in milliseconds, by kind. */
export type Pauses = { readonly young: readonly number[]; readonly full: readonly number[] };

/**
 * Starts recording this process's collector pauses. A pause stops everything the process is doing: in a bot, every
 * turn under way; in the harness, the clock of every turn it is timing.
 */
export function observePauses(): { readonly pauses: Pauses; readonly stop: () => void } {
  const young: number[] = [];
  const full: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { readonly detail?: { readonly kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) young.push(entry.duration);
      else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) full.push(entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return { pauses: { young, full }, stop: () => observer.disconnect() };
}

/** One kind of collector pause over some processes: how often per process, and how long. */
export type PauseFigures = {
  readonly count: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
};

/** Both kinds of collector pause over some processes, and the share of their time paused. */
export type GcFigures = { readonly young: PauseFigures; readonly full: PauseFigures; readonly pausedPercent: number };

/** One process's collector pauses over `upSeconds`. */
type Paused = { readonly gcPauses: Pauses; readonly upSeconds: number };

/** The pauses of one kind over `processes`, `perSecond` per process. */
function pauseFigures(processes: readonly Paused[], kind: keyof Pauses): PauseFigures {
  const pauses = processes.flatMap((process) => process.gcPauses[kind]);
  const upSeconds = processes.reduce((sum, process) => sum + process.upSeconds, 0);
  return {
    count: pauses.length,
    perSecond: round2(upSeconds > 0 ? pauses.length / upSeconds : 0),
    p50Ms: round2(pauses.length === 0 ? 0 : percentile(pauses, 50)),
    p99Ms: round2(pauses.length === 0 ? 0 : percentile(pauses, 99)),
    maxMs: round2(Math.max(0, ...pauses)),
  };
}

/** Both kinds of pause over `processes`, and the share of their time spent in them, in percent. */
export function gcFigures(processes: readonly Paused[]): GcFigures {
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const pausedMs = sum(processes.map((process) => sum(process.gcPauses.young) + sum(process.gcPauses.full)));
  const upMs = sum(processes.map((process) => process.upSeconds * 1000));
  return {
    young: pauseFigures(processes, 'young'),
    full: pauseFigures(processes, 'full'),
    pausedPercent: round2(upMs > 0 ? (100 * pausedMs) / upMs : 0),
  };
}
