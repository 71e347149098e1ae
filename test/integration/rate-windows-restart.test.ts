import { describe, expect, it } from 'vitest';
import { createFleetRateLimiter } from '../../src/delivery/fleet-rate-limiter.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import type { Sleep } from '../../src/delivery/sleep.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import type { Target } from '../../src/domain/subscription.ts';
import { openStore, type DatabaseConfig } from '../../src/store/open-store.ts';
import { describePostgres } from '../support/postgres.ts';
import { scratchDatabases } from '../support/scratch-databases.ts';

/** Limits a restart must not reset: 3 WhatsApp messages a day, 1 a second per Telegram chat. */
const RATES = {
  telegram: { globalPerSec: 30, perChatPerSec: 1, perGroupPerMin: 20 },
  discord: { globalPerSec: 50, perChannelPer5s: 5 },
  whatsapp: { paceMinMs: 3000, paceMaxMs: 3000, dailyCap: 3 },
};
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 5, 1, 8);
const whatsapp: Target = { platform: 'whatsapp', chatId: '4915123', kind: 'private' };
const telegram: Target = { platform: 'telegram', chatId: '7', kind: 'private' };

/** One run of Herald: the store opened afresh and a new limiter on it (nothing in memory kept). */
async function run(database: DatabaseConfig, at: number) {
  const store = await openStore(database);
  const clock = createManualClock(at);
  const sleep: Sleep = (ms) => {
    clock.advance(ms);
    return Promise.resolve();
  };
  const limits = limitsFromConfig(RATES);
  const limiter = createFleetRateLimiter({ limits, clock, sleep, shared: store.rateWindows });
  return { limiter, clock, close: () => store.close() };
}

function restartSuite(
  engine: string,
  database: () => Promise<DatabaseConfig>,
  movesFinishedSends: boolean,
) {
  describe(`rate windows across a restart (${engine})`, () => {
    it('a restart does not reset the WhatsApp daily cap', async () => {
      const db = await database();
      const first = await run(db, T0);
      for (let i = 0; i < 3; i += 1) {
        expect((await first.limiter.acquire('whatsapp', whatsapp)).ok).toBe(true);
      }
      await first.close();
      const second = await run(db, T0 + 60_000);
      const permit = await second.limiter.acquire('whatsapp', whatsapp, { maxWaitMs: 3_600_000 });
      expect(permit).toEqual({ ok: false, retryAt: new Date(T0 + DAY) });
      await second.close();
      const nextDay = await run(db, T0 + DAY + 1);
      expect((await nextDay.limiter.acquire('whatsapp', whatsapp)).ok).toBe(true);
      await nextDay.close();
    });

    it('a restart lets no burst through: the pace, a chat window and a pause hold', async () => {
      const db = await database();
      const first = await run(db, T0);
      expect((await first.limiter.acquire('telegram', telegram)).ok).toBe(true);
      expect((await first.limiter.acquire('whatsapp', whatsapp)).ok).toBe(true);
      first.limiter.pause('discord', 30_000);
      await new Promise((r) => setTimeout(r, 50)); // the pause is shared in the background
      await first.close();
      const second = await run(db, T0 + 100);
      const chat = await second.limiter.acquire('telegram', telegram);
      expect(chat).toMatchObject({ ok: true, waitedMs: 900 });
      const paced = await second.limiter.acquire('whatsapp', whatsapp);
      expect(paced).toMatchObject({ ok: true, waitedMs: 2000 }); // the chat's wait moved the clock by 900
      const discord: Target = { platform: 'discord', chatId: 'c1', kind: 'channel' };
      const paused = await second.limiter.acquire('discord', discord, { maxWaitMs: 1000 });
      expect(paused).toEqual({ ok: false, retryAt: new Date(T0 + 30_000) });
      await second.close();
    });

    it.skipIf(!movesFinishedSends)(
      'a send that finished late counts from its finish, also after a restart',
      async () => {
        const db = await database();
        const first = await run(db, T0);
        const permit = await first.limiter.acquire('telegram', telegram);
        expect(permit.ok && permit.grantedAt).toBe(T0);
        first.limiter.departed?.('telegram', telegram, T0, T0 + 700);
        await new Promise((r) => setTimeout(r, 50));
        await first.close();
        const second = await run(db, T0 + 1000);
        expect(await second.limiter.acquire('telegram', telegram)).toMatchObject({ waitedMs: 700 });
        await second.close();
      },
    );
  });
}

const databases = scratchDatabases('herald-rates-');

restartSuite('SQLite', databases.sqlite, true);

describePostgres('PostgreSQL', () => {
  restartSuite('PostgreSQL', databases.postgres, true);
});
