/**
 * One process of the fleet in test/integration/postgres-fleet.test.ts: works off the outbox
 * of a shared PostgreSQL schema through the real dispatcher, the PostgreSQL stores and the
 * fleet rate limiter, sending each row as one POST to the test's stand-in (200 = the ack).
 * Usage: node --import tsx postgres-fleet-child.ts <database url> <server url> <owner>
 */
import { Agent, request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { createDispatcher } from '../../src/delivery/dispatcher.ts';
import { createFleetRateLimiter } from '../../src/delivery/fleet-rate-limiter.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import { realSleep } from '../../src/delivery/sleep.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Platform, SendOutcome } from '../../src/domain/platform.ts';
import type { Reply } from '../../src/domain/reply.ts';
import type { Target } from '../../src/domain/subscription.ts';
import { openPostgresStore } from '../../src/store/postgres/open-postgres.ts';
import { FLEET_TEST_CONFIG } from './postgres-fleet-config.ts';

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function httpPlatform(url: string, owner: string): Platform {
  return {
    name: 'telegram',
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    state: () => 'ready',
    send: (target, reply) => post(url, owner, target, reply),
  };
}

/** One POST; a 200 is the ack (its body carries the message id), anything else is transient. */
function post(url: string, owner: string, target: Target, reply: Reply): Promise<SendOutcome> {
  const storyId = reply.kind === 'card' ? reply.card.id : 'not-a-card';
  const body = JSON.stringify({ chatId: target.chatId, storyId, owner });
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, timeout: 5000 }, (res) => {
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

async function main(databaseUrl: string, url: string, owner: string): Promise<number> {
  const store = await openPostgresStore(databaseUrl, { max: 20 });
  const config = FLEET_TEST_CONFIG;
  const limiter = createFleetRateLimiter({
    limits: limitsFromConfig(config.rates),
    clock: systemClock,
    sleep: realSleep,
    shared: store.rateWindows,
  });
  const dispatcher = createDispatcher({
    outbox: store.outbox,
    subscriptions: store.subscriptions,
    stories: store.stories,
    platforms: new Map([['telegram', httpPlatform(url, owner)]]),
    limiter,
    clock: systemClock,
    log: silentLog,
    config,
    owner,
  });
  for (;;) {
    await dispatcher.runOnce();
    const counts = await store.outbox.countsByState();
    if (counts.pending + counts.failed + counts.sending === 0) break;
    await delay(100); // rows leased by a killed process come back when their lease runs out
  }
  await store.close();
  return 0;
}

// Die with the test: when the parent goes away, so does this process.
process.on('disconnect', () => process.exit(3));
setTimeout(() => process.exit(4), 110_000).unref();
const [databaseUrl, url, owner] = process.argv.slice(2);
if (databaseUrl === undefined || url === undefined || owner === undefined) {
  process.stderr.write('usage: postgres-fleet-child.ts <database url> <server url> <owner>\n');
  process.exit(2);
}
process.exit(await main(databaseUrl, url, owner));
