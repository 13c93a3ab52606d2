/** The value below which `p` percent of the samples lie (nearest rank); NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** `p50 <A> ms p90 <B> ms p99 <C> ms` for the given percentiles, rounded to whole milliseconds. */
export function formatPercentiles(samples: readonly number[], ps: readonly number[]): string {
  return ps.map((p) => `p${p} ${Math.round(percentile(samples, p))} ms`).join(' ');
}
