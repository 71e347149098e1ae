import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.ts';
import { claimProcess } from '../../src/app/process-claim.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import { EMPTY_FILTERS } from '../../src/domain/subscription.ts';
import { openStore, type DatabaseConfig, type OpenedStore } from '../../src/store/open-store.ts';
import { createDeliveryHarness } from '../support/delivery-harness.ts';
import { makeDraft } from '../support/drafts.ts';
import { describePostgres } from '../support/postgres.ts';
import { scratchDatabases } from '../support/scratch-databases.ts';

const T0 = new Date('2026-06-01T12:00:00Z');
const LEASE = 60_000;

describe('a send never outlives its lease', () => {
  it('refuses a send timeout not safely below the lease, naming both keys', () => {
    const refuse = () =>
      loadConfig({ DELIVERY_LEASE_MS: '10000', DELIVERY_SEND_TIMEOUT_MS: '6000' });
    expect(refuse).toThrow(ConfigError);
    expect(refuse).toThrow(
      /DELIVERY_SEND_TIMEOUT_MS: 6000 ms is not safely below DELIVERY_LEASE_MS \(10000 ms\)/,
    );
    expect(
      loadConfig({ DELIVERY_LEASE_MS: '10000', DELIVERY_SEND_TIMEOUT_MS: '5000' }).delivery
        .sendTimeoutMs,
    ).toBe(5000);
  });

  it('derives the send timeout from the lease when it is not set', () => {
    expect(loadConfig({}).delivery.sendTimeoutMs).toBe(20_000);
    expect(loadConfig({ DELIVERY_LEASE_MS: '1500' }).delivery.sendTimeoutMs).toBe(750);
  });

  it('gives up on a send with no answer by the send timeout (a transient failure)', async () => {
    const h = createDeliveryHarness({ config: { sendTimeoutMs: 50 } });
    await h.subscribe({ chatId: '7' });
    await h.fanOut.enqueueStories([await h.addStory()]);
    h.platform().send = () => new Promise(() => undefined);
    const tally = await h.dispatcher.runOnce();
    expect(tally).toMatchObject({ sent: 0 });
    const [row] = await h.outbox.listBySubscription(
      (await h.subscriptions.listSubscriptions())[0]?.id ?? '',
    );
    expect(row).toMatchObject({ state: 'failed', attempts: 1 });
    expect(row?.lastError).toContain('no answer within 50 ms');
  });
});

/** A pid that is gone: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

/** One row leased ("sending") by `owner` at T0 for a full lease. */
async function leasedRow(store: OpenedStore, owner: string): Promise<number> {
  const story = (await store.stories.upsertStory(makeDraft(), T0)).story;
  const target = { platform: 'telegram' as const, chatId: '42', kind: 'private' as const };
  const input = { target, filters: EMPTY_FILTERS, mode: { kind: 'instant' as const } };
  const sub = await store.subscriptions.saveSubscription({ ...input, createdBy: 'operator' }, T0);
  const row = {
    storyId: story.id,
    subscriptionId: sub.id,
    platform: 'telegram' as const,
    chatKey: 'telegram:42',
  };
  await store.outbox.enqueue([row], T0);
  const [claimed] = await store.outbox.claimDue({ owner, now: T0, leaseMs: LEASE, limit: 1 });
  return claimed?.id ?? -1;
}

function reclaimSuite(engine: string, database: () => Promise<DatabaseConfig>, alone: boolean) {
  it(`takes back at once the rows a gone process left sending (${engine})`, async () => {
    const store = await openStore(await database());
    try {
      const dead = { id: 'dead-1', pid: deadPid(), host: hostname() };
      const quiet = { id: 'quiet-2', pid: 4242, host: 'elsewhere' };
      await store.processes.enter(dead, T0, 30_000, { alone: false });
      const crashed = await leasedRow(store, `${dead.id}#1`);
      const clock = createManualClock(T0.getTime() + 1000);
      if (!alone) {
        // Another host's process whose heartbeat stopped 40 s ago: gone too.
        await store.processes.enter(quiet, new Date(T0.getTime() - 40_000), 15_000, {
          alone: false,
        });
      }
      expect(
        await store.outbox.claimDue({ owner: 'x#1', now: clock.now(), leaseMs: LEASE, limit: 5 }),
      ).toEqual([]);
      const claim = await claimProcess({
        registry: store.processes,
        outbox: store.outbox,
        clock,
        log: silentLog,
        heartbeatMs: 5000,
        ...(alone ? { alone: { where: 'the test store' } } : {}),
      });
      const due = await store.outbox.claimDue({
        owner: `${claim.id}#1`,
        now: clock.now(),
        leaseMs: LEASE,
        limit: 5,
      });
      expect(due.map((r) => r.id)).toEqual([crashed]);
      expect((await store.processes.list()).map((p) => p.id)).toEqual([claim.id]);
      await claim.stop();
      expect(await store.processes.list()).toEqual([]);
    } finally {
      await store.close();
    }
  });
}

const databases = scratchDatabases('herald-reclaim-');

describe('a crash costs no lease', () => {
  reclaimSuite('SQLite', databases.sqlite, true);
});

describePostgres('a crash costs no lease (PostgreSQL)', () => {
  reclaimSuite('PostgreSQL', databases.postgres, false);
});
