import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createFanOut } from '../src/delivery/fan-out.ts';
import { systemClock } from '../src/domain/clock.ts';
import { EMPTY_FILTERS, type Target } from '../src/domain/subscription.ts';
import { openPostgresStore } from '../src/store/postgres/open-postgres.ts';
import { toDraft } from '../src/ingest/draft.ts';
import { runChild } from './env.ts';
import type { Results } from './figures.ts';
import { generateStories } from './generate.ts';
import { cleanRaw } from './ingest-harness.ts';
import { platformLike, startStandIn } from './stand-in.ts';
import { idealSeconds } from './fan-out.ts';
import { maxInWindow } from './stats.ts';

const S = '7 postgres';
/** Time given to the dispatcher processes to start before they all send. */
const CHILD_START_MS = 4000;
const ENRICHMENT = { summary: [], keywords: [], entities: [], fingerprint: '00'.repeat(96) };

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** `chats` x `stories` outbox rows in a fresh schema; returns the URL that selects it. */
async function seed(
  base: string,
  chats: number,
  stories: number,
): Promise<{ url: string; schema: string }> {
  const schema = `herald_bench_${randomBytes(5).toString('hex')}`;
  await admin(base, `CREATE SCHEMA ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const store = await openPostgresStore(url.toString());
  try {
    const now = systemClock.now();
    for (let c = 0; c < chats; c += 1) {
      const target: Target = { platform: 'telegram', chatId: `c${c}`, kind: 'private' };
      const input = { target, filters: EMPTY_FILTERS, mode: { kind: 'instant' as const } };
      await store.subscriptions.saveSubscription({ ...input, createdBy: 'operator' }, now);
    }
    const added = [];
    for (const raw of generateStories(stories, 99)) {
      const draft = toDraft(cleanRaw(raw), { publishedAt: now, dateEstimated: false }, ENRICHMENT, {
        sourceName: 'Bench',
        language: 'en',
        maxFutureSkewMs: 0,
      });
      added.push((await store.stories.upsertStory(draft, now, { announce: false })).story);
    }
    await createFanOut({ ...store, clock: systemClock, digestTimezone: 'UTC' }).enqueueStories(
      added,
    );
  } finally {
    await store.close();
  }
  return { url: url.toString(), schema };
}

interface FleetRun {
  /** Rows per second, first to last arrival. */
  rate: number;
  /** CPU milliseconds of the dispatcher processes (together) per row sent. */
  cpuMsPerRow: number;
  /** The limiter's asks of the shared windows per row sent (1: never told to wait). */
  asksPerRow: number;
  arrivals: number[];
  /** When each send left, every process's, in order (ms since the epoch). */
  sent: number[];
  tooMany: number;
}

/** What a dispatcher process reports: its CPU while dispatching and the sends it made. */
interface ChildSpent {
  cpuMs: number;
  sent: number;
  asks: number;
  times: number[];
}

/**
 * `processes` dispatchers on one database, sends of 50 ms +/- 20 ms to a stand-in that
 * enforces `perSec` (Telegram's overall limit) or nothing.
 */
async function fleetRun(
  base: string,
  processes: number,
  chats: number,
  stories: number,
  perSec?: number,
): Promise<FleetRun> {
  const { url, schema } = await seed(base, chats, stories);
  const standIn = await startStandIn(perSec ?? Number.MAX_SAFE_INTEGER, {
    latencyMs: platformLike,
  });
  // Every process sends from the same moment: each takes a second or two to start here.
  const startAt = String(Date.now() + CHILD_START_MS);
  const args = [url, standIn.url, startAt, ...(perSec === undefined ? [] : [String(perSec)])];
  try {
    const children = await Promise.all(
      Array.from({ length: processes }, () => runChild<ChildSpent>('postgres-child.ts', args)),
    );
    const arrivals = standIn.accepted();
    const rate = (arrivals.length - 1) / (((arrivals.at(-1) ?? 0) - (arrivals[0] ?? 0)) / 1000);
    const cpu = children.reduce((sum, c) => sum + c.cpuMs, 0);
    const sent = children.reduce((sum, c) => sum + c.sent, 0);
    const asks = children.reduce((sum, c) => sum + c.asks, 0);
    return {
      rate,
      cpuMsPerRow: cpu / sent,
      asksPerRow: asks / sent,
      arrivals: [...arrivals],
      sent: children.flatMap((c) => c.times).sort((a, b) => a - b),
      tooMany: standIn.tooMany(),
    };
  } finally {
    await standIn.close();
    await admin(base, `DROP SCHEMA ${schema} CASCADE`);
  }
}

async function reachable(url: string): Promise<string | undefined> {
  try {
    await admin(url, 'SELECT 1');
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** Outbox deliveries per second with 1 and with 3 dispatcher processes on one PostgreSQL. */
export async function benchPostgres(
  results: Results,
  chats: number,
  stories: number,
  telegramChats: number,
): Promise<void> {
  const base = process.env.HERALD_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const problem = await reachable(base);
  if (problem !== undefined) {
    results.note(S, `skipped: no PostgreSQL at ${base} (${problem})`);
    return;
  }
  const one = await fleetRun(base, 1, chats, stories);
  const three = await fleetRun(base, 3, chats, stories);
  const rows = (chats * stories).toLocaleString('en-US');
  results.add(S, `outbox deliveries, 1 process, 50 ms sends (${rows} rows)`, one.rate, 'rows/s');
  results.add(S, 'outbox deliveries, 3 processes, 50 ms sends', three.rate, 'rows/s');
  results.add(S, '3 processes / 1 process', three.rate / one.rate, 'ratio', {
    op: '>=',
    value: 2.5,
  });
  results.note(
    S,
    `dispatcher CPU per row (the processes together, PostgreSQL's own not counted): ${one.cpuMsPerRow.toFixed(2)} ms with 1 process, ${three.cpuMsPerRow.toFixed(2)} ms with 3`,
  );
  // Telegram's 30 messages a second, shared by the 3 processes through the store's windows.
  const limited = await fleetRun(base, 3, telegramChats, 1, 30);
  const n = limited.arrivals.length;
  const span = ((limited.arrivals.at(-1) ?? 0) - (limited.arrivals[0] ?? 0)) / 1000;
  results.add(
    S,
    `3 processes at Telegram's 30/s: achieved / allowed (${n} sent)`,
    idealSeconds(n, 30) / span,
    'ratio',
    {
      op: '>=',
      value: 0.95,
    },
  );
  results.add(
    S,
    '3 processes at 30/s: most sent in any 1 s / limit',
    maxInWindow(limited.sent, 1000) / 30,
    'ratio',
    {
      op: '<=',
      value: 1,
    },
  );
  results.add(S, '3 processes at 30/s: 429s received', limited.tooMany, 'count', {
    op: '<=',
    value: 0,
  });
  results.note(
    S,
    `at 30/s: the most the stand-in took in any 1 s was ${(maxInWindow(limited.arrivals, 1000) / 30).toFixed(3)} of the limit (arrivals carry the way's jitter, which it forgives up to 20 ms); ${limited.asksPerRow.toFixed(1)} asks of the shared windows per row (a grant or an answer to wait), ${limited.cpuMsPerRow.toFixed(2)} ms of dispatcher CPU per row`,
  );
}
