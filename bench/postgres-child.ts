/**
 * One dispatcher process of the bench's PostgreSQL scenario: works off the outbox of a shared
 * schema through the real dispatcher, the PostgreSQL stores and the fleet rate limiter, sending
 * to the bench's stand-in: with `perSec` Telegram's overall limit (per chat raised out of the
 * way), else every limit raised out of the way (the platform is not the bottleneck).
 * It starts sending at `startAt` (ms since the epoch), so that the processes of a run, which
 * take their own time to start, send from the same moment.
 * Usage: node --import tsx bench/postgres-child.ts <database url> <stand-in url> <startAt> [perSec]
 */
import { setTimeout as delay } from 'node:timers/promises';
import { createDispatcher } from '../src/delivery/dispatcher.ts';
import { createFleetRateLimiter } from '../src/delivery/fleet-rate-limiter.ts';
import { limitsFromConfig } from '../src/delivery/platform-limits.ts';
import { realSleep } from '../src/delivery/sleep.ts';
import { systemClock } from '../src/domain/clock.ts';
import { silentLog } from '../src/domain/log.ts';
import { openPostgresStore } from '../src/store/postgres/open-postgres.ts';
import { benchConfig } from './fan-out.ts';
import { httpPlatform } from './http-platform.ts';
import { cpuMs } from './stats.ts';

async function main(
  databaseUrl: string,
  url: string,
  startAt: number,
  perSec: number,
): Promise<{ cpuMs: number; sent: number; asks: number; times: number[] }> {
  const store = await openPostgresStore(databaseUrl, { max: 12 });
  // Counts the limiter's asks of the shared windows (a grant, or an answer to wait).
  let asks = 0;
  const shared = {
    ...store.rateWindows,
    tryGrant: (...args: Parameters<typeof store.rateWindows.tryGrant>) => {
      asks += 1;
      return store.rateWindows.tryGrant(...args);
    },
  };
  const base = benchConfig(perSec);
  const config = {
    ...base,
    rates: {
      ...base.rates,
      telegram: { globalPerSec: perSec, perChatPerSec: 1_000_000, perGroupPerMin: 1_000_000 },
    },
  };
  const limiter = createFleetRateLimiter({
    limits: limitsFromConfig(config.rates),
    clock: systemClock,
    sleep: realSleep,
    shared,
  });
  const platform = httpPlatform(url, 16);
  const dispatcher = createDispatcher({
    ...store,
    platforms: new Map([['telegram', platform]]),
    limiter,
    clock: systemClock,
    log: silentLog,
    config,
  });
  await delay(Math.max(0, startAt - Date.now()));
  const cpu = cpuMs();
  for (;;) {
    await dispatcher.runOnce();
    const counts = await store.outbox.countsByState();
    if (counts.pending + counts.failed + counts.sending === 0) break;
    await delay(50);
  }
  const spent = cpuMs() - cpu;
  platform.close();
  await store.close();
  // On the shared clock (ms since the epoch), to merge with the other processes' sends.
  const times = platform.sent.map((t) => performance.timeOrigin + t);
  return { cpuMs: spent, sent: platform.sent.length, asks, times };
}

process.on('disconnect', () => process.exit(3));
setTimeout(() => process.exit(4), 300_000).unref();
const [databaseUrl, url, startAt, limit] = process.argv.slice(2);
if (databaseUrl === undefined || url === undefined || startAt === undefined) {
  process.stderr.write('usage: postgres-child.ts <database url> <stand-in url> <startAt>\n');
  process.exit(2);
}
const perSec = limit === undefined ? 1_000_000 : Number(limit);
const spent = await main(databaseUrl, url, Number(startAt), perSec);
process.stdout.write(`${JSON.stringify(spent)}\n`);
