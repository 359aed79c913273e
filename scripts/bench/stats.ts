/** The p-th percentile (0..100) of a list of milliseconds, by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Rounds to three decimals for printing. */
export const round3 = (ms: number): number => Math.round(ms * 1000) / 1000;
