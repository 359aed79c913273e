/** The p-th percentile (0..100) of a list of milliseconds, by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** Rounds to two decimals for printing; NaN stays NaN. */
export const round2 = (value: number): number => Math.round(value * 100) / 100;
