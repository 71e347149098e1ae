/** Small statistics over samples (milliseconds, microseconds: any unit, kept as given). */
export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/** The value at quantile `p` (0..1) of ascending `sorted`: nearest rank, no interpolation. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(p * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

/** The middle value (of an even count, the mean of the two middle ones). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[mid] ?? Number.NaN;
  return mean(sorted.slice(mid - 1, mid + 1));
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    mean: mean(sorted),
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Wall milliseconds of each call of `run` over `inputs`. */
export function timeEach<T>(inputs: readonly T[], run: (input: T) => void): number[] {
  return inputs.map((input) => {
    const started = performance.now();
    run(input);
    return performance.now() - started;
  });
}

/** This process's CPU time so far (user + system), in milliseconds. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The most grants in any `windowMs` (two pointers over ascending times). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < times.length; hi += 1) {
    while ((times[lo] ?? 0) <= (times[hi] ?? 0) - windowMs) lo += 1;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
