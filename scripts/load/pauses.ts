import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

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
