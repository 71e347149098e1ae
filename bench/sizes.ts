/** How big each scenario runs: the full run (issue 11's sizes) and --quick (CI: under a minute). */
export interface Sizes {
  summaryArticles: number;
  summaryPasses: number;
  bbcArticles: number;
  generated: number;
  queries: number;
  subscribers: number;
  perSec: number;
  limiterPerSec: number;
  limiterSeconds: number;
  startRuns: number;
  pgChats: number;
  pgStories: number;
}

export const SIZES = {
  full: {
    summaryArticles: 1421,
    summaryPasses: 3,
    bbcArticles: 1421,
    // The size: the whole full run takes about 3.5 min here (HERALD_BENCH_STORIES
    // sets another).
    generated: 100_000,
    queries: 2000,
    subscribers: 10_000,
    perSec: 1000,
    limiterPerSec: 1000,
    limiterSeconds: 30,
    startRuns: 3,
    pgChats: 500,
    pgStories: 10,
  },
  quick: {
    summaryArticles: 200,
    summaryPasses: 1,
    bbcArticles: 200,
    generated: 1000,
    queries: 200,
    // Two seconds' worth: with one second's worth the least time is 0 (see idealSeconds).
    subscribers: 2000,
    perSec: 1000,
    limiterPerSec: 1000,
    limiterSeconds: 2,
    startRuns: 1,
    pgChats: 50,
    pgStories: 4,
  },
} as const satisfies Record<string, Sizes>;

/**
 * HERALD_BENCH_STORIES overrides the generated corpus. Related latency is also measured on
 * the way, at 10,000 stories when the corpus is bigger (the first size), else at half.
 */
export function corpusSizes(sizes: Sizes): { count: number; checkpoint: number } {
  const override = Number(process.env.HERALD_BENCH_STORIES);
  const count = Number.isInteger(override) && override > 0 ? override : sizes.generated;
  const checkpoint = count > 10_000 ? 10_000 : Math.max(500, Math.round(count / 1000) * 500);
  return { count, checkpoint };
}
