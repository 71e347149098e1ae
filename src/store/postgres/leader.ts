import type { JobLeader, LeaderRun } from '../job-leader.ts';
import { changed, type PgClient, type PgPool } from './pool.ts';

export interface PgLeaderOptions {
  /** This process's name in job_runs (for the operator). */
  owner: string;
  /**
   * Starts of one job closer than this belong to the same tick (default 1 s: node-cron fires a
   * tick within the same second on hosts whose clocks are synchronised).
   */
  minGapMs?: number;
}

/** Session advisory lock on the job, scoped to the schema so that schemas never contend. */
const LOCK_KEY = `hashtext(current_schema() || ':herald:job:' || $1)`;

const CLAIM_TICK = `INSERT INTO job_runs AS r (job, last_started, owner) VALUES ($1, $2, $3)
  ON CONFLICT (job) DO UPDATE SET last_started = excluded.last_started, owner = excluded.owner
  WHERE r.last_started <= excluded.last_started - make_interval(secs => $4::float8 / 1000)`;

/**
 * The job leader on PostgreSQL. Per tick, a process runs the job only when (1) it takes the
 * job's advisory lock (nobody else is running it; a dead process's lock goes with its
 * connection) and (2) it records the tick's start in job_runs (nobody ran it this tick).
 */
export function createPgLeader(pool: PgPool, options: PgLeaderOptions): JobLeader {
  const gap = options.minGapMs ?? 1000;
  return {
    runOncePerTick: async <T>(job: string, now: Date, work: () => Promise<T>) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        if (!(await tryLock(client, job))) return { ran: false, reason: 'running' } as const;
        try {
          return await runTick(client, job, now, { owner: options.owner, gap }, work);
        } finally {
          await client
            .query(`SELECT pg_advisory_unlock(${LOCK_KEY})`, [job])
            .catch((err: unknown) => {
              broken = err instanceof Error ? err : new Error(String(err));
            });
        }
      } finally {
        client.release(broken);
      }
    },
  };
}

async function tryLock(client: PgClient, job: string): Promise<boolean> {
  const result = await client.query<{ got: boolean }>(
    `SELECT pg_try_advisory_lock(${LOCK_KEY}) AS got`,
    [job],
  );
  return result.rows[0]?.got === true;
}

async function runTick<T>(
  client: PgClient,
  job: string,
  now: Date,
  tick: { owner: string; gap: number },
  work: () => Promise<T>,
): Promise<LeaderRun<T>> {
  const claimed = await changed(client, CLAIM_TICK, [job, now, tick.owner, tick.gap]);
  if (claimed === 0) return { ran: false, reason: 'done' };
  return { ran: true, value: await work() };
}
