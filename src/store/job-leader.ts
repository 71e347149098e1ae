/** What a leader-guarded job run came to: it ran here, or another process has (or had) it. */
export type LeaderRun<T> = { ran: true; value: T } | { ran: false; reason: 'running' | 'done' };

/**
 * Elects, per tick, the one process of a fleet that runs a cron job (ingest, feeds): never a
 * double ingest when several processes share the store. PostgreSQL implements it with an
 * advisory lock and a last-start row (src/store/postgres/leader.ts); a process alone on SQLite
 * is always the leader.
 */
export interface JobLeader {
  /**
   * Runs `work` when no other process is running `job` and none started it for this tick
   * (less than the leader's gap before `now`); otherwise resolves without running it.
   */
  runOncePerTick<T>(job: string, now: Date, work: () => Promise<T>): Promise<LeaderRun<T>>;
}

/** The leader of a fleet of one. */
export const soloLeader: JobLeader = {
  runOncePerTick: async (_job, _now, work) => ({ ran: true, value: await work() }),
};

/** The run's value, or `fallback` when another process had the tick. */
export async function asLeader<T>(
  leader: JobLeader,
  job: string,
  now: Date,
  work: () => Promise<T>,
  fallback: T,
): Promise<T> {
  const run = await leader.runOncePerTick(job, now, work);
  return run.ran ? run.value : fallback;
}
