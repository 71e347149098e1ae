import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createFanOut } from '../../src/delivery/fan-out.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { EMPTY_FILTERS, type Target } from '../../src/domain/subscription.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteOutboxStore } from '../../src/store/sqlite/outbox-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import { makeDraft } from '../support/drafts.ts';

const CHILD = fileURLToPath(new URL('../support/delivery-crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHATS = 100;
const STORIES = 20;
/** Chat x story deliveries acknowledged when the first process is killed. */
const KILL_AFTER_DELIVERIES = 500;

const dir = mkdtempSync(join(tmpdir(), 'herald-crash-'));
let dbPath = join(dir, 'herald.db');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/**
 * 100 chats x 20 stories = 2,000 outbox rows in a fresh SQLite file; `batch` false: every
 * subscription on `batch off` (one message a story), else their 20 go in a few (ADR 0029).
 */
async function seed(batch: boolean): Promise<number> {
  const db = openSqliteDatabase(dbPath);
  const stories = createSqliteStoryStore(db);
  const subscriptions = createSqliteSubscriptionStore(db);
  const outbox = createSqliteOutboxStore(db);
  const now = systemClock.now();
  for (let c = 0; c < CHATS; c += 1) {
    const target: Target = { platform: 'telegram', chatId: `c${c}`, kind: 'private' };
    const input = { target, filters: EMPTY_FILTERS, mode: { kind: 'instant' as const } };
    const sub = await subscriptions.saveSubscription({ ...input, createdBy: 'operator' }, now);
    if (!batch) await subscriptions.updateSubscription(sub.id, { preferences: { batch } }, now);
  }
  const added = [];
  for (let s = 0; s < STORIES; s += 1)
    added.push((await stories.upsertStory(makeDraft(), now)).story);
  const fanOut = createFanOut({ subscriptions, outbox, clock: systemClock, digestTimezone: 'UTC' });
  const results = await fanOut.enqueueStories(added);
  db.close();
  return results.reduce((n, r) => n + r.enqueued, 0);
}

/** The platform stand-in: counts each (chat, story) it receives and acks with 200. */
function standIn(onAck: (deliveries: number) => void) {
  const received = new Map<string, number>();
  let acks = 0;
  let deliveries = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const { chatId, storyIds } = JSON.parse(body) as { chatId: string; storyIds: string[] };
      for (const storyId of storyIds) {
        const key = `${chatId}/${storyId}`;
        received.set(key, (received.get(key) ?? 0) + 1);
      }
      acks += 1;
      deliveries += storyIds.length;
      res.writeHead(200, { 'content-type': 'application/json' });
      const after = deliveries;
      res.end(JSON.stringify({ id: acks }), () => {
        onAck(after);
      });
    });
  });
  return { server, received };
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/send`);
    });
  });
}

function runChild(
  url: string,
  owner: string,
  mode: string,
): { child: ChildProcess; exited: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, url, owner, mode], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.push(child);
  const exited = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child ${owner} did not finish in time`));
    }, 45_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? `exit ${code}`);
    });
  });
  return { child, exited };
}

function sendingRows(): number {
  const db = openSqliteDatabase(dbPath);
  const n = (
    db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state = 'sending'").get() as {
      n: number;
    }
  ).n;
  db.close();
  return n;
}

/**
 * `ingest`: the killed process also had an ingest batch open on the same store. The sent marks
 * must not wait in it (each commits on its own), or the kill loses them and they go out again.
 */
describe.each([
  { mode: 'alone', batch: false, what: '' },
  { mode: 'ingest', batch: false, what: ' while an ingest batch was open beside the fan-out' },
  { mode: 'alone', batch: true, what: ', each chat sent its stories in batches' },
])('delivery after a crash ($mode, batch $batch)', ({ mode, batch, what }) => {
  it(`delivers all 2,000 with no more duplicates than were in flight at the kill${what}`, async () => {
    dbPath = join(dir, `herald-${mode}-${batch}.db`);
    expect(await seed(batch)).toBe(CHATS * STORIES);
    let first: ChildProcess | undefined;
    const { server, received } = standIn((deliveries) => {
      if (deliveries >= KILL_AFTER_DELIVERIES) first?.kill('SIGKILL');
    });
    const url = await listen(server);
    try {
      const run1 = runChild(url, 'first', mode);
      first = run1.child;
      expect(await run1.exited).toBe('SIGKILL');
      const inFlight = sendingRows();
      const run2 = runChild(url, 'second', 'alone');
      expect(await run2.exited).toBe('exit 0');
      const duplicates = [...received.values()].reduce((n, count) => n + count - 1, 0);
      console.log(`${mode}: in flight at the kill: ${inFlight}; duplicates: ${duplicates}`);
      expect(received.size).toBe(CHATS * STORIES);
      expect(duplicates).toBeLessThanOrEqual(inFlight);
      const db = openSqliteDatabase(dbPath);
      expect((await createSqliteOutboxStore(db).countsByState()).sent).toBe(CHATS * STORIES);
      db.close();
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 90_000);
});
