/** How big each scenario runs: the full run (issue 11's sizes) and --quick (CI: under a minute). */
export interface Sizes {
  summaryArticles: number;
  summaryPasses: number;
  bbcArticles: number;
  generated: number;
  queries: number;
  subscribers: number;
  perSec: number;
  /** Chats with 5 stories waiting each (issue 23 point 4: stories per second). */
  batchChats: number;
  limiterPerSec: number;
  limiterSeconds: number;
  startRuns: number;
  cliRuns: number;
  /** Scenario 9: feeds polled on a schedule scaled from 10 minutes (same polls per second). */
  feeds: { feeds: number; periodS: number };
  pgChats: number;
  pgStories: number;
  /** Rows sent by the fleet at Telegram's 30/s (one story each). */
  pgTelegramChats: number;
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
    // 10,000 sends at 250/s: 40 s each way (instant, 50 ms sends); a rate this machine's
    // one core holds with the other helpers' load (1,000/s was CPU-bound here, ADR 0007).
    perSec: 250,
    batchChats: 1000,
    limiterPerSec: 1000,
    limiterSeconds: 30,
    startRuns: 3,
    cliRuns: 5,
    // 500 feeds every 30 s: the polls per second of 10,000 feeds every 10 minutes.
    feeds: { feeds: 500, periodS: 30 },
    // 1,500 rows: about 10 s for one process at 8 sends of 50 ms in flight.
    pgChats: 300,
    pgStories: 5,
    // 20 s at 30/s.
    pgTelegramChats: 630,
  },
  quick: {
    summaryArticles: 200,
    summaryPasses: 1,
    bbcArticles: 200,
    generated: 1000,
    queries: 200,
    // Two seconds' worth: with one second's worth the least time is 0 (see idealSeconds).
    subscribers: 500,
    perSec: 250,
    batchChats: 500,
    limiterPerSec: 1000,
    limiterSeconds: 2,
    startRuns: 1,
    cliRuns: 3,
    feeds: { feeds: 50, periodS: 5 },
    pgChats: 50,
    pgStories: 4,
    pgTelegramChats: 90,
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
