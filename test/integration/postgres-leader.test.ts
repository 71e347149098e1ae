import { afterEach, expect, it } from 'vitest';
import type { JobLeader } from '../../src/store/job-leader.ts';
import { createPgLeader } from '../../src/store/postgres/leader.ts';
import { describePostgres, useTestSchema, type TestPool } from '../support/postgres.ts';

const schema = useTestSchema();
const T0 = new Date('2026-06-01T12:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

let pools: TestPool[] = [];
afterEach(async () => {
  await Promise.all(pools.map((p) => p.close()));
  pools = [];
});

/** Three contenders, as three processes would be: each its own pool (its own connections). */
async function contenders(): Promise<JobLeader[]> {
  pools = await Promise.all([1, 2, 3].map(() => schema.open(2)));
  return pools.map((p, i) => createPgLeader(p.pool, { owner: `process-${i + 1}`, minGapMs: 1000 }));
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A job that stays running until released, so the three ticks overlap for sure. */
function heldJob() {
  const gate = deferred();
  const running = deferred();
  let runs = 0;
  const work = async () => {
    runs += 1;
    running.resolve();
    await gate.promise;
    return 'ingested';
  };
  return { work, running: running.promise, release: gate.resolve, runs: () => runs };
}

describePostgres('leader election on PostgreSQL', () => {
  it('lets exactly one of three contenders run the job of a tick', async () => {
    const leaders = await contenders();
    const job = heldJob();
    const ticks = leaders.map((l) => l.runOncePerTick('ingest', T0, job.work));
    await job.running;
    job.release();
    const results = await Promise.all(ticks);
    expect(job.runs()).toBe(1);
    expect(results.filter((r) => r.ran)).toEqual([{ ran: true, value: 'ingested' }]);
  });

  it('does not run a tick again once it is done, but runs the next tick', async () => {
    const leaders = await contenders();
    const job = heldJob();
    job.release();
    const first = await leaders[0]?.runOncePerTick('digest', T0, job.work);
    const late = [];
    for (const l of leaders) late.push(await l.runOncePerTick('digest', at(400), job.work));
    expect(first).toMatchObject({ ran: true });
    expect(late).toEqual(Array(3).fill({ ran: false, reason: 'done' }));
    const next = await Promise.all(
      leaders.map((l) => l.runOncePerTick('digest', at(60_000), job.work)),
    );
    expect(next.filter((r) => r.ran)).toHaveLength(1);
    expect(job.runs()).toBe(2);
  });

  it('skips a tick while another process is still running the job', async () => {
    const [a, b] = await contenders();
    const job = heldJob();
    const long = a?.runOncePerTick('feeds', T0, job.work);
    await job.running;
    expect(await b?.runOncePerTick('feeds', at(60_000), job.work)).toEqual({
      ran: false,
      reason: 'running',
    });
    job.release();
    expect(await long).toMatchObject({ ran: true });
  });

  it('keeps jobs apart: one job running does not hold another', async () => {
    const [a, b] = await contenders();
    const job = heldJob();
    const ingest = a?.runOncePerTick('ingest', T0, job.work);
    await job.running;
    expect(await b?.runOncePerTick('feeds', T0, () => Promise.resolve(1))).toEqual({
      ran: true,
      value: 1,
    });
    job.release();
    await ingest;
  });
});
