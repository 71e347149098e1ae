/**
 * The child process of test/integration/delivery-crash.test.ts: works off the outbox of a
 * SQLite file, sending each row as one POST to the test's stand-in server (200 = the ack).
 * Usage: node --import tsx delivery-crash-child.ts <db file> <server url> <owner> [ingest]
 * With `ingest`, an ingest batch stays open on the same store beside the dispatcher (new
 * stories written one by one, a few ms apart), as a long ingest does during a fan-out.
 */
import { Agent, request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { DEFAULT_DELIVERY_CONFIG } from '../../src/delivery/delivery-config.ts';
import { createDispatcher } from '../../src/delivery/dispatcher.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import { createRateLimiter } from '../../src/delivery/rate-limiter.ts';
import { realSleep } from '../../src/delivery/sleep.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Platform, SendOutcome } from '../../src/domain/platform.ts';
import type { Reply } from '../../src/domain/reply.ts';
import type { Target } from '../../src/domain/subscription.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteOutboxStore } from '../../src/store/sqlite/outbox-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import { makeDraft } from './drafts.ts';

/** Raised for the test: a few seconds for 2,000 deliveries, not minutes. */
export const CRASH_TEST_CONFIG = {
  ...DEFAULT_DELIVERY_CONFIG,
  leaseMs: 5000, // longer than a send may take (timeout below), so no live send is re-claimed
  backoffBaseMs: 50,
  backoffMaxMs: 500,
  maxInFlight: 8,
  rates: {
    ...DEFAULT_DELIVERY_CONFIG.rates,
    telegram: { globalPerSec: 500, perChatPerSec: 1000, perGroupPerMin: 1_000_000 },
  },
};

function httpPlatform(url: string): Platform {
  return {
    name: 'telegram',
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    state: () => 'ready',
    send: (target, reply) => post(url, target, reply),
  };
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** One POST; a 200 is the ack (its body carries the message id), anything else is transient. */
function post(url: string, target: Target, reply: Reply): Promise<SendOutcome> {
  // A batch of posts (ADR 0029) carries several stories: the stand-in counts each.
  const storyIds =
    reply.kind === 'card'
      ? [reply.card.id]
      : reply.kind === 'cards'
        ? reply.cards.map((c) => c.id)
        : ['not-a-story'];
  const body = JSON.stringify({ chatId: target.chatId, storyIds });
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, timeout: 2000 }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        resolve(outcomeOf(res.statusCode ?? 0, text));
      });
      res.on('error', (err) => {
        resolve({ kind: 'transient', reason: String(err) });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => {
      resolve({ kind: 'transient', reason: String(err) });
    });
    req.setHeader('content-type', 'application/json');
    req.end(body);
  });
}

function outcomeOf(status: number, text: string): SendOutcome {
  if (status !== 200) return { kind: 'transient', reason: `HTTP ${status}` };
  const { id } = JSON.parse(text) as { id: number };
  return { kind: 'sent', messageId: String(id) };
}

/** An ingest batch that stays open until `done()`: one new story every 3 ms. */
function ingestBeside(stories: ReturnType<typeof createSqliteStoryStore>) {
  let open = true;
  const work = async () => {
    while (open) {
      await stories.upsertStory(makeDraft(), systemClock.now(), { announce: false });
      await delay(3);
    }
  };
  const batch = stories.batch === undefined ? work() : stories.batch(work);
  return async () => {
    open = false;
    await batch;
  };
}

async function main(dbPath: string, url: string, owner: string, ingest: boolean): Promise<number> {
  const db = openSqliteDatabase(dbPath);
  const outbox = createSqliteOutboxStore(db);
  const stories = createSqliteStoryStore(db);
  const done = ingest ? ingestBeside(stories) : () => Promise.resolve();
  const config = CRASH_TEST_CONFIG;
  const limiter = createRateLimiter({
    limits: limitsFromConfig(config.rates),
    clock: systemClock,
    sleep: realSleep,
  });
  const dispatcher = createDispatcher({
    outbox,
    subscriptions: createSqliteSubscriptionStore(db),
    stories,
    platforms: new Map([['telegram', httpPlatform(url)]]),
    limiter,
    clock: systemClock,
    log: silentLog,
    config,
    owner,
  });
  for (;;) {
    await dispatcher.runOnce();
    const counts = await outbox.countsByState();
    if (counts.pending + counts.failed + counts.sending === 0) break;
    await delay(100); // rows leased by a killed process come back when their lease runs out
  }
  await done();
  db.close();
  return 0;
}

// Die with the test: when the parent goes away, so does this process.
process.on('disconnect', () => process.exit(3));
setTimeout(() => process.exit(4), 60_000).unref();
const [dbPath, url, owner, mode] = process.argv.slice(2);
if (dbPath === undefined || url === undefined || owner === undefined) {
  process.stderr.write('usage: delivery-crash-child.ts <db file> <server url> <owner>\n');
  process.exit(2);
}
process.exit(await main(dbPath, url, owner, mode === 'ingest'));
