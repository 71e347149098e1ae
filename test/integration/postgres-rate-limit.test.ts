import { afterEach, expect, it } from 'vitest';
import { createFleetRateLimiter } from '../../src/delivery/fleet-rate-limiter.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import type { RateLimiter } from '../../src/delivery/rate-limiter.ts';
import { realSleep } from '../../src/delivery/sleep.ts';
import { systemClock } from '../../src/domain/clock.ts';
import type { Target } from '../../src/domain/subscription.ts';
import { createPgRateWindowStore } from '../../src/store/postgres/rate-window-store.ts';
import { describePostgres, useTestSchema, type TestPool } from '../support/postgres.ts';

const schema = useTestSchema();
const RATES = {
  telegram: { globalPerSec: 5, perChatPerSec: 1, perGroupPerMin: 3 },
  discord: { globalPerSec: 50, perChannelPer5s: 5 },
  whatsapp: { paceMinMs: 0, paceMaxMs: 0, dailyCap: 200 },
};
const chat = (id: string, kind: Target['kind'] = 'private'): Target => ({
  platform: 'telegram',
  chatId: id,
  kind,
});

let pools: TestPool[] = [];
afterEach(async () => {
  await Promise.all(pools.map((p) => p.close()));
  pools = [];
});

/** Three processes' limiters on one database, each recording the times it granted. */
async function fleet(): Promise<{
  limiters: RateLimiter[];
  grants: { at: number; chat: string }[];
}> {
  pools = await Promise.all([1, 2, 3].map(() => schema.open(3)));
  const grants: { at: number; chat: string }[] = [];
  const limiters = pools.map((p) =>
    createFleetRateLimiter({
      limits: limitsFromConfig(RATES),
      clock: systemClock,
      sleep: realSleep,
      shared: createPgRateWindowStore(p.pool),
      onGrant: (_platform, target, at) => grants.push({ at: at.getTime(), chat: target.chatId }),
    }),
  );
  return { limiters, grants };
}

/** The most grants in any window of `ms` ending at a grant. */
function busiest(times: number[], ms: number): number {
  return Math.max(0, ...times.map((t) => times.filter((u) => u > t - ms && u <= t).length));
}

describePostgres('rate limits shared by a fleet on PostgreSQL', () => {
  it('holds the platform limit for three processes together', async () => {
    const { limiters, grants } = await fleet();
    await Promise.all(
      limiters.map((limiter, p) =>
        Promise.all([0, 1, 2, 3].map((c) => limiter.acquire('telegram', chat(`p${p}c${c}`)))),
      ),
    );
    expect(grants).toHaveLength(12);
    const times = grants.map((g) => g.at);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(5);
  }, 20_000);

  it('holds the per-chat and per-group limits across processes', async () => {
    const { limiters, grants } = await fleet();
    const group = chat('-100group', 'group');
    await Promise.all(limiters.map((limiter) => limiter.acquire('telegram', group)));
    await Promise.all(limiters.map((limiter) => limiter.acquire('telegram', chat('solo'))));
    const times = (id: string) => grants.filter((g) => g.chat === id).map((g) => g.at);
    expect(busiest(times('solo'), 1000)).toBeLessThanOrEqual(1);
    expect(busiest(times('-100group'), 1000)).toBeLessThanOrEqual(1);
    expect(times('-100group')).toHaveLength(3);
  }, 20_000);

  it("makes every process wait out one process's 429 pause", async () => {
    const { limiters } = await fleet();
    const until = new Date(systemClock.now().getTime() + 60_000);
    await createPgRateWindowStore((pools[0] as TestPool).pool).pause('telegram', until);
    const permit = await limiters[2]?.acquire('telegram', chat('x'), { maxWaitMs: 100 });
    expect(permit?.ok).toBe(false);
    if (permit?.ok === false)
      expect(permit.retryAt.getTime()).toBeGreaterThanOrEqual(until.getTime());
  });
});
