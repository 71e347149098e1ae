import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramPlatform, type TelegramPlatform } from '../../adapters/telegram/index.ts';
import { claimProcess } from '../../src/app/process-claim.ts';
import { DEFAULT_DELIVERY_CONFIG } from '../../src/delivery/delivery-config.ts';
import { createDispatcher } from '../../src/delivery/dispatcher.ts';
import { planEventRow } from '../../src/delivery/event-rows.ts';
import { createFanOut } from '../../src/delivery/fan-out.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import { createRateLimiter } from '../../src/delivery/rate-limiter.ts';
import { realSleep } from '../../src/delivery/sleep.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import { EMPTY_FILTERS } from '../../src/domain/subscription.ts';
import { openStore, type DatabaseConfig, type OpenedStore } from '../../src/store/open-store.ts';
import { developmentOf } from '../../src/text/events/development.ts';
import { makeDraft } from '../support/drafts.ts';
import { createEventBook } from '../support/event-book.ts';
import { COPY, FIRST } from '../support/event-reports.ts';
import { createTestSchema, describePostgres } from '../support/postgres.ts';
import { createMemoryLog } from '../support/telegram-harness.ts';
import { TelegramStandIn } from '../support/telegram-stand-in.ts';

const reader = { platform: 'telegram' as const, chatId: '42', kind: 'private' as const };
const LEASE = 60_000;

/** A pid that is gone: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
});

type Engine = 'SQLite' | 'PostgreSQL';

async function databaseFor(engine: Engine): Promise<DatabaseConfig> {
  if (engine === 'PostgreSQL') {
    const schema = await createTestSchema();
    cleanups.push(() => schema.drop());
    return { kind: 'postgres', url: schema.url };
  }
  const dir = mkdtempSync(join(tmpdir(), 'herald-edit-crash-'));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return { kind: 'sqlite', path: join(dir, 'herald.db') };
}

/** A store (a SQLite file, or a PostgreSQL schema), the stand-in Bot API and the real adapter. */
async function world(engine: Engine) {
  const store: OpenedStore = await openStore(await databaseFor(engine));
  cleanups.push(() => store.close());
  const standIn = new TelegramStandIn();
  const platform: TelegramPlatform = createTelegramPlatform({
    token: standIn.token,
    apiRoot: await standIn.listen(),
    timeZone: 'UTC',
    log: createMemoryLog(),
    receive: false,
  });
  await platform.start({ handleText: () => Promise.resolve(undefined) });
  cleanups.push(async () => {
    await platform.stop();
    await standIn.close();
  });
  standIn.privateChat({ id: 42, is_bot: false, first_name: 'Dee' });
  const book = createEventBook();
  const sub = await store.subscriptions.saveSubscription(
    {
      target: reader,
      filters: EMPTY_FILTERS,
      mode: { kind: 'instant' },
      policy: 'event',
      createdBy: 'operator',
    },
    systemClock.now(),
  );
  const deps = {
    outbox: store.outbox,
    subscriptions: store.subscriptions,
    stories: store.stories,
    clock: systemClock,
    log: silentLog,
    events: book,
    development: developmentOf,
  };
  const fanOut = createFanOut({ ...deps, digestTimezone: 'UTC' });
  /** A process's dispatcher, with its own lease owner, run until the outbox is idle. */
  const dispatchAs = async (owner: string) => {
    const limiter = createRateLimiter({
      limits: limitsFromConfig(DEFAULT_DELIVERY_CONFIG.rates),
      clock: systemClock,
      sleep: realSleep,
    });
    const dispatcher = createDispatcher({
      ...deps,
      limiter,
      owner,
      platforms: new Map([['telegram' as const, platform]]),
      config: { ...DEFAULT_DELIVERY_CONFIG, leaseMs: LEASE },
    });
    for (let round = 0; round < 20; round += 1) {
      await dispatcher.runOnce();
      const c = await store.outbox.countsByState();
      if (c.pending + c.failed + c.sending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await dispatcher.stop();
  };
  const report = async (fields: object) => {
    const story = (await store.stories.upsertStory(makeDraft(fields), systemClock.now())).story;
    book.add('e1', story);
    await fanOut.enqueueStory(story);
    return story;
  };
  /** A process that took the outbox's due rows and died (its pid is gone). */
  const deadProcess = async () => {
    const pid = deadPid();
    const dead = { id: `dead-${pid}`, pid, host: hostname() };
    await store.processes.enter(dead, systemClock.now(), 30_000, { alone: false });
    const rows = await store.outbox.claimDue({
      owner: `${dead.id}#1`,
      now: systemClock.now(),
      leaseMs: LEASE,
      limit: 5,
    });
    return { rows, dead };
  };
  /** The next process: it finds the dead one's leases and takes them back at once. */
  const restart = async () => {
    const claim = await claimProcess({
      registry: store.processes,
      outbox: store.outbox,
      clock: systemClock,
      log: silentLog,
      heartbeatMs: 5000,
      ...(engine === 'SQLite' ? { alone: { where: 'the test store' } } : {}),
    });
    await dispatchAs(claim.id);
    await claim.stop();
  };
  return { store, standIn, platform, book, sub, report, dispatchAs, deadProcess, restart };
}

function crashSuite(engine: Engine) {
  it(`loses no edit: one queued when the process died goes out after the restart (${engine})`, async () => {
    const w = await world(engine);
    await w.report(FIRST);
    await w.dispatchAs('first');
    await w.report(COPY);
    const { rows } = await w.deadProcess();
    expect(rows.map((r) => r.kind)).toEqual(['edit']);
    await w.restart();
    const [post, ...others] = w.standIn.messagesIn(42);
    expect(others).toEqual([]);
    expect(post?.edits).toHaveLength(1);
    expect(post?.text).toContain('Also reported by: Outlet B (2 outlets)');
    const states = (await w.store.outbox.listBySubscription(w.sub.id)).map((r) => r.state);
    expect(states).toEqual(['sent', 'sent']);
  });

  it(`repeats no edit: one the platform took before the crash is not made twice (${engine})`, async () => {
    const w = await world(engine);
    await w.report(FIRST);
    await w.dispatchAs('first');
    await w.report(COPY);
    const { rows } = await w.deadProcess();
    const [row] = rows;
    if (row === undefined) throw new Error('no edit row claimed');
    // The dead process had sent the edit (the platform took it) but not recorded it.
    const deps = {
      outbox: w.store.outbox,
      stories: w.store.stories,
      events: w.book,
      clock: systemClock,
    };
    const plan = await planEventRow(deps, w.platform, row);
    if (plan.kind !== 'send') throw new Error(`expected a send, got ${plan.kind}`);
    const { outgoing } = plan;
    expect(await outgoing.send(w.platform, reader, outgoing.finish(outgoing.reply))).toMatchObject({
      kind: 'sent',
    });
    await w.restart();
    const [post, ...others] = w.standIn.messagesIn(42);
    expect(others).toEqual([]);
    expect(post?.edits).toHaveLength(1);
    const edit = await w.store.outbox.getRow(row.id);
    expect(edit).toMatchObject({ state: 'sent', messageId: String(post?.message_id) });
  });
}

describe('a crash between the post and its edit', () => {
  crashSuite('SQLite');
});

describePostgres('a crash between the post and its edit (PostgreSQL)', () => {
  crashSuite('PostgreSQL');
});
