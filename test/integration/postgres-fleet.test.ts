import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { createFanOut } from '../../src/delivery/fan-out.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { EMPTY_FILTERS, type Target } from '../../src/domain/subscription.ts';
import { openPostgresStore } from '../../src/store/postgres/open-postgres.ts';
import { makeDraft } from '../support/drafts.ts';
import { FLEET_TEST_CONFIG } from '../support/postgres-fleet-config.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';

const CHILD = fileURLToPath(new URL('../support/postgres-fleet-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHATS = 500;
const STORIES = 20;
const TOTAL = CHATS * STORIES;
/** The first child is killed once it has had this many acks. */
const KILL_AFTER_ACKS = 800;

const schema = useTestSchema();
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** 500 chats x 20 stories = 10,000 outbox rows in the shared schema; returns the story order. */
async function seed(url: string): Promise<string[]> {
  const store = await openPostgresStore(url);
  try {
    const now = systemClock.now();
    const subscribe = async (c: number) => {
      const target: Target = { platform: 'telegram', chatId: `c${c}`, kind: 'private' };
      const input = { target, filters: EMPTY_FILTERS, mode: { kind: 'instant' as const } };
      const sub = await store.subscriptions.saveSubscription(
        { ...input, createdBy: 'operator' },
        now,
      );
      // One message a story: the kill is timed by messages (batches: ADR 0029).
      return store.subscriptions.updateSubscription(sub.id, { preferences: { batch: false } }, now);
    };
    for (let c = 0; c < CHATS; c += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => subscribe(c + i)));
    }
    const added = [];
    for (let s = 0; s < STORIES; s += 1) {
      added.push((await store.stories.upsertStory(makeDraft(), now)).story);
    }
    const fanOut = createFanOut({ ...store, clock: systemClock, digestTimezone: 'UTC' });
    const results = await fanOut.enqueueStories(added);
    expect(results.reduce((n, r) => n + r.enqueued, 0)).toBe(TOTAL);
    return added.map((story) => story.id);
  } finally {
    await store.close();
  }
}

interface Received {
  /** Stories each chat received, in arrival order (repeats included). */
  byChat: Map<string, string[]>;
  /** The message ids acked to each process. */
  acks: Map<string, string[]>;
}

/** The platform stand-in: records each (chat, story) it receives and acks with 200. */
function standIn(onAck: (owner: string, acks: number) => void): { server: Server } & Received {
  const byChat = new Map<string, string[]>();
  const acks = new Map<string, string[]>();
  let total = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const sent = JSON.parse(body) as { chatId: string; storyId: string; owner: string };
      byChat.set(sent.chatId, [...(byChat.get(sent.chatId) ?? []), sent.storyId]);
      total += 1;
      const mine = [...(acks.get(sent.owner) ?? []), String(total)];
      acks.set(sent.owner, mine);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: total }), () => {
        onAck(sent.owner, mine.length);
      });
    });
  });
  return { server, byChat, acks };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/send`);
    });
  });
}

function runChild(databaseUrl: string, url: string, owner: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, databaseUrl, url, owner], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  const exited = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child ${owner} did not finish in time`));
    }, 100_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? `exit ${code}`);
    });
  });
  return { child, exited };
}

/** Rows the killed child held leased when it died (printed; its leases end 4 s later). */
async function leasedBy(url: string, owner: string): Promise<number> {
  const store = await openPostgresStore(url);
  try {
    const { rows } = await store.pool.query<{ n: number }>(
      `SELECT COUNT(*) AS n FROM outbox WHERE state = 'sending' AND lease_owner LIKE $1`,
      [`${owner}#%`],
    );
    return rows[0]?.n ?? 0;
  } finally {
    await store.close();
  }
}

describePostgres('several Herald processes on one PostgreSQL', () => {
  it('deliver 10,000 with none missing and none doubled, one of them killed mid-run', async () => {
    const databaseUrl = await schema.url();
    const storyOrder = await seed(databaseUrl);
    let victim: ChildProcess | undefined;
    const received = standIn((owner, acks) => {
      if (owner === 'one' && acks === KILL_AFTER_ACKS) victim?.kill('SIGKILL');
    });
    const url = await listen(received.server);
    try {
      const runs = ['one', 'two', 'three'].map((owner) => runChild(databaseUrl, url, owner));
      victim = runs[0]?.child;
      expect(await runs[0]?.exited).toBe('SIGKILL');
      const leasedAtDeath = await leasedBy(databaseUrl, 'one');
      expect(await Promise.all(runs.slice(1).map((r) => r.exited))).toEqual(['exit 0', 'exit 0']);
      await expectAllDeliveredOnce(databaseUrl, received, leasedAtDeath, storyOrder);
    } finally {
      received.server.closeAllConnections();
      received.server.close();
    }
  }, 120_000);
});

async function expectAllDeliveredOnce(
  databaseUrl: string,
  received: Received,
  leasedAtDeath: number,
  storyOrder: string[],
): Promise<void> {
  const deliveries = [...received.byChat.values()].flat();
  const distinct = new Set([...received.byChat].flatMap(([c, s]) => s.map((id) => `${c}/${id}`)));
  const duplicates = deliveries.length - distinct.size;
  const recorded = await recordedMessageIds(databaseUrl);
  const unrecorded = (owner: string) =>
    (received.acks.get(owner) ?? []).filter((id) => !recorded.has(id)).length;
  const acks = Object.fromEntries([...received.acks].map(([o, ids]) => [o, ids.length]));
  console.log(
    `fleet: ${deliveries.length} acks ${JSON.stringify(acks)}; missing ${TOTAL - distinct.size}; ` +
      `duplicates ${duplicates}; acked but unrecorded: killed child ${unrecorded('one')} ` +
      `(in flight at most ${FLEET_TEST_CONFIG.maxInFlight}; leased at its death ${leasedAtDeath}), ` +
      `survivors ${unrecorded('two') + unrecorded('three')}`,
  );
  expect(distinct.size).toBe(TOTAL);
  expect(recorded.size).toBe(TOTAL);
  expect(unrecorded('two') + unrecorded('three')).toBe(0);
  expect(unrecorded('one')).toBeLessThanOrEqual(FLEET_TEST_CONFIG.maxInFlight);
  expect(duplicates).toBe(unrecorded('one'));
  for (const stories of received.byChat.values()) {
    expect([...new Set(stories)]).toEqual(storyOrder); // per-chat FIFO held across the fleet
  }
}

/** The message ids the outbox recorded, one per sent row. */
async function recordedMessageIds(databaseUrl: string): Promise<Set<string>> {
  const store = await openPostgresStore(databaseUrl);
  try {
    expect((await store.outbox.countsByState()).sent).toBe(TOTAL);
    const { rows } = await store.pool.query<{ id: string }>(
      `SELECT message_id AS id FROM outbox WHERE state = 'sent'`,
    );
    return new Set(rows.map((r) => r.id));
  } finally {
    await store.close();
  }
}
