import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStore, type DatabaseConfig } from '../../src/store/open-store.ts';
import {
  heraldEnv,
  poll,
  runHerald,
  seedReaders,
  startHeraldStandIn,
  writeStories,
} from '../support/fault-herald.ts';
import { printSummary } from '../support/fault-plan.ts';
import { integrityCheck, probeStore } from '../support/fault-store-probe.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';

const READERS = 3;
const FIRST_READER = 70_000;

/** Stories in the content folder, and the messages after which the second run is killed. */
interface Plan {
  stories: number;
  killAfter: number;
}
/** SQLite commits 100 stories at a time; PostgreSQL is slower per story and per delivery. */
const SQLITE_PLAN: Plan = { stories: 400, killAfter: 400 };
const POSTGRES_PLAN: Plan = { stories: 100, killAfter: 100 };

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Three runs of `herald start --once` on one store: the first SIGKILLed while it ingests, the
 * second SIGKILLed while it delivers, the third left to finish.
 */
async function killTwiceThenFinish(plan: Plan, database: (cwd: string) => DatabaseConfig) {
  const cwd = mkdtempSync(join(tmpdir(), 'herald-kill-'));
  dirs.push(cwd);
  const titles = writeStories(join(cwd, 'content'), plan.stories);
  const db = database(cwd);
  await seedReaders(db, FIRST_READER, READERS);
  const tg = await startHeraldStandIn(FIRST_READER, READERS);
  const dbEnv = db.kind === 'postgres' ? { DATABASE_URL: db.url } : {};
  const env = heraldEnv(cwd, tg.standIn, tg.apiRoot, dbEnv);
  const probe = probeStore(db);
  try {
    const ingest = runHerald(['start', '--once'], cwd, env, children);
    let storedAtKill = -1;
    await poll(async () => {
      storedAtKill = await probe.stories();
      return storedAtKill > 0;
    });
    ingest.child.kill('SIGKILL');
    expect(await ingest.exited).toBe('SIGKILL');
    storedAtKill = await probe.stories();
    // On PostgreSQL, job starts less than 1 s apart are one cron tick (src/store/postgres/
    // leader.ts): a run started at once would take the dead run's ingest as done this tick.
    await new Promise((r) => setTimeout(r, 1100));

    const dispatch = runHerald(['start', '--once'], cwd, env, children);
    await poll(
      () => tg.standIn.messages.length >= plan.killAfter || dispatch.child.exitCode !== null,
    );
    dispatch.child.kill('SIGKILL');
    expect(await dispatch.exited).toBe('SIGKILL');
    const inFlight = await probe.sending();
    await new Promise((r) => setTimeout(r, 1600)); // the dead run's leases run out

    const finish = runHerald(['start', '--once'], cwd, env, children);
    expect(await finish.exited, finish.output()).toBe('exit 0');
    return { cwd, db, titles, tg, storedAtKill, inFlight, plan };
  } finally {
    await probe.close();
    await tg.standIn.close();
  }
}

async function audit(
  db: DatabaseConfig,
  titles: readonly string[],
  ledger: () => ReturnType<Awaited<ReturnType<typeof startHeraldStandIn>>['ledger']>,
) {
  const store = await openStore(db);
  try {
    const counts = await store.outbox.countsByState();
    const stories = await store.stories.countStories();
    const received = ledger();
    let lost = 0;
    for (let r = 0; r < READERS; r += 1) {
      for (const title of titles) if (!received.has(String(FIRST_READER + r), title)) lost += 1;
    }
    return { counts, stories, lost, duplicated: received.duplicated(), schema: store.schema };
  } finally {
    await store.close();
  }
}

function check(
  name: string,
  run: Awaited<ReturnType<typeof killTwiceThenFinish>>,
  a: Awaited<ReturnType<typeof audit>>,
) {
  const total = run.plan.stories * READERS;
  printSummary({
    name: `${name}, ${run.storedAtKill} of ${run.plan.stories} stories stored at the first kill`,
    inputs: run.plan.stories,
    faults: 2,

    deliveries: a.counts.sent,
    lost: a.lost,
    duplicated: a.duplicated,
    window: run.inFlight,
  });
  expect(run.storedAtKill).toBeLessThan(run.plan.stories); // the first kill landed during the ingest
  expect(a.stories).toBe(run.plan.stories);
  expect(a.schema.applied).toBe(0);
  expect(a.counts).toMatchObject({ sent: total, pending: 0, sending: 0, failed: 0, dead: 0 });
  expect(a.lost).toBe(0);
  expect(a.duplicated).toBeLessThanOrEqual(run.inFlight);
}

describe('SIGKILL during ingest and during dispatch (SQLite)', () => {
  it('opens cleanly (integrity ok), stores every story, delivers every one', async () => {
    const sqlite = (cwd: string): DatabaseConfig => ({
      kind: 'sqlite',
      path: join(cwd, 'data', 'herald.db'),
    });
    const run = await killTwiceThenFinish(SQLITE_PLAN, sqlite);
    const path = join(run.cwd, 'data', 'herald.db');
    expect(integrityCheck(path)).toBe('ok');
    check(
      'sigkill sqlite (ingest + dispatch)',
      run,
      await audit(run.db, run.titles, run.tg.ledger),
    );
  }, 120_000);
});

const schema = useTestSchema();

describePostgres('SIGKILL during ingest and during dispatch (PostgreSQL)', () => {
  it('opens cleanly, stores every story, delivers every one', async () => {
    const url = await schema.url();
    const run = await killTwiceThenFinish(POSTGRES_PLAN, () => ({ kind: 'postgres', url }));
    check(
      'sigkill postgres (ingest + dispatch)',
      run,
      await audit(run.db, run.titles, run.tg.ledger),
    );
  }, 120_000);
});
