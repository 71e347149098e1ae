import { describe, expect, it } from 'vitest';
import { createFleetRateLimiter } from '../../src/delivery/fleet-rate-limiter.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import type { Sleep } from '../../src/delivery/sleep.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import type { Target } from '../../src/domain/subscription.ts';
import type { RateWindowClaim, RateWindowStore } from '../../src/store/rate-window-store.ts';

const RATES = {
  telegram: { globalPerSec: 30, perChatPerSec: 1, perGroupPerMin: 20 },
  discord: { globalPerSec: 50, perChannelPer5s: 5 },
  whatsapp: { paceMinMs: 3000, paceMaxMs: 8000, dailyCap: 200 },
};
const target = (chatId: string, kind: Target['kind'] = 'private'): Target => ({
  platform: 'telegram',
  chatId,
  kind,
});

/** A shared store that answers from a script of waits and records every call. */
function fakeShared(waits: number[] = []) {
  const calls: { gate: string; windows: readonly RateWindowClaim[]; at: number; pace: number }[] =
    [];
  const pauses: { gate: string; until: number }[] = [];
  const moves: { keys: string[]; from: number; to: number }[] = [];
  const store: RateWindowStore = {
    tryGrant: (gate, windows, now, pace) => {
      calls.push({ gate, windows, at: now.getTime(), pace });
      return Promise.resolve(waits.shift() ?? 0);
    },
    pause: (gate, until) => {
      pauses.push({ gate, until: until.getTime() });
      return Promise.resolve();
    },
    complete: (_gate, windows, from, to) => {
      moves.push({ keys: windows.map((w) => w.key), from, to });
      return Promise.resolve();
    },
    prune: () => Promise.resolve(0),
  };
  return { store, calls, pauses, moves };
}

function limiter(shared: RateWindowStore) {
  const clock = createManualClock(1_000_000);
  const sleep: Sleep = (ms) => {
    clock.advance(ms);
    return Promise.resolve();
  };
  const limits = limitsFromConfig(RATES);
  return {
    clock,
    limiter: createFleetRateLimiter({ limits, clock, sleep, shared, random: () => 0.5 }),
  };
}

describe('the fleet rate limiter (shared windows faked)', () => {
  it('asks the shared windows for every rule of the target, keyed as in one process', async () => {
    const shared = fakeShared();
    const { limiter: l } = limiter(shared.store);
    await l.acquire('telegram', target('7'));
    await l.acquire('telegram', target('-100', 'group'));
    expect(shared.calls.map((c) => c.windows.map((w) => w.key))).toEqual([
      ['telegram:0', 'telegram:1:7'],
      ['telegram:0', 'telegram:1:-100', 'telegram:2:-100'],
    ]);
    expect(shared.calls[1]?.windows[2]).toEqual({
      key: 'telegram:2:-100',
      limit: 20,
      windowMs: 60_000,
    });
  });

  it('waits as long as the shared windows say, then asks again', async () => {
    const shared = fakeShared([400, 250]);
    const { limiter: l } = limiter(shared.store);
    expect(await l.acquire('telegram', target('7'))).toMatchObject({ ok: true, waitedMs: 650 });
    expect(shared.calls.map((c) => c.at - 1_000_000)).toEqual([0, 400, 650]);
    expect(l.stats('telegram')).toMatchObject({ granted: 1, waitedMs: 650 });
  });

  it('gives up past maxWaitMs with the time to come back', async () => {
    const shared = fakeShared([5000]);
    const { limiter: l } = limiter(shared.store);
    const permit = await l.acquire('telegram', target('7'), { maxWaitMs: 1000 });
    expect(permit).toEqual({ ok: false, retryAt: new Date(1_005_000) });
  });

  it("draws WhatsApp's pace and hands it to the shared gate", async () => {
    const shared = fakeShared();
    const { limiter: l } = limiter(shared.store);
    await l.acquire('whatsapp', {
      platform: 'whatsapp',
      chatId: 'x@s.whatsapp.net',
      kind: 'private',
    });
    expect(shared.calls[0]).toMatchObject({ gate: 'whatsapp', pace: 5500 });
  });

  it('shares a 429 pause and honours it here without asking', async () => {
    const shared = fakeShared();
    const { limiter: l } = limiter(shared.store);
    l.pause('telegram', 3000);
    expect(shared.pauses).toEqual([{ gate: 'telegram', until: 1_003_000 }]);
    expect(l.delayFor('telegram', target('7'))).toBe(3000);
    expect(await l.acquire('telegram', target('7'))).toMatchObject({ ok: true, waitedMs: 3000 });
    expect(shared.calls).toHaveLength(1);
  });

  it('does not ask the shared windows for a platform without limits (the console)', async () => {
    const shared = fakeShared();
    const { limiter: l } = limiter(shared.store);
    await l.acquire('console', { platform: 'console', chatId: 'console', kind: 'private' });
    expect(shared.calls).toEqual([]);
  });

  it('moves a departed send only in the windows that keep send times (at most 256)', async () => {
    const shared = fakeShared();
    const clock = createManualClock(1_000_000);
    const sleep: Sleep = () => Promise.resolve();
    const limits = limitsFromConfig({
      ...RATES,
      telegram: { globalPerSec: 1000, perChatPerSec: 1, perGroupPerMin: 20 },
    });
    const l = createFleetRateLimiter({ limits, clock, sleep, shared: shared.store });
    l.departed?.('telegram', target('7'), 1_000_000, 1_000_004);
    l.departed?.('telegram', target('-100', 'group'), 1_000_000, 1_000_004);
    await new Promise((resolve) => setImmediate(resolve));
    expect(shared.moves).toEqual([
      { keys: ['telegram:1:7'], from: 1_000_000, to: 1_000_004 },
      { keys: ['telegram:1:-100', 'telegram:2:-100'], from: 1_000_000, to: 1_000_004 },
    ]);
  });

  it('moves one send in the store in the order it was told (departure, then answer)', async () => {
    const moves: [number, number][] = [];
    let slowFirst = true;
    const shared: RateWindowStore = {
      ...fakeShared().store,
      // The first move takes longer (a busy pool): the second must still reach the store after it.
      complete: async (_gate, _windows, from, to) => {
        if (slowFirst) {
          slowFirst = false;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        moves.push([from, to]);
      },
    };
    const { limiter: l } = limiter(shared);
    l.departed?.('telegram', target('7'), 1_000_000, 1_000_004);
    l.departed?.('telegram', target('7'), 1_000_004, 1_000_030);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(moves).toEqual([
      [1_000_000, 1_000_004],
      [1_000_004, 1_000_030],
    ]);
  });

  it('asks the store for nothing when no window of the target keeps send times', () => {
    const shared = fakeShared();
    const clock = createManualClock(1_000_000);
    const sleep: Sleep = () => Promise.resolve();
    const limits = limitsFromConfig({
      ...RATES,
      telegram: { globalPerSec: 1000, perChatPerSec: 1000, perGroupPerMin: 60_000 },
    });
    const l = createFleetRateLimiter({ limits, clock, sleep, shared: shared.store });
    l.departed?.('telegram', target('7'), 1_000_000, 1_000_004);
    expect(shared.moves).toEqual([]);
  });
});
