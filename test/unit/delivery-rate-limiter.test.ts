import { describe, expect, it } from 'vitest';
import { DEFAULT_RATES } from '../../src/delivery/delivery-config.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import { createRateLimiter } from '../../src/delivery/rate-limiter.ts';
import type { PlatformName, Target } from '../../src/domain/subscription.ts';
import { createVirtualTime, maxInWindow } from '../support/delivery-fakes.ts';
import { createDeliveryHarness } from '../support/delivery-harness.ts';

const T0 = new Date('2026-06-01T00:00:00Z');

function limiterOnVirtualTime(random = () => 0.5) {
  const time = createVirtualTime(T0);
  const grants: { platform: PlatformName; chatId: string; at: number }[] = [];
  const limiter = createRateLimiter({
    limits: limitsFromConfig(DEFAULT_RATES),
    clock: time.clock,
    sleep: time.sleep,
    random,
    onGrant: (platform, target, at) =>
      grants.push({ platform, chatId: target.chatId, at: at.getTime() }),
  });
  return { ...time, limiter, grants };
}

const chat = (
  chatId: string,
  kind: Target['kind'] = 'private',
  platform: PlatformName = 'telegram',
) => ({ platform, chatId, kind }) satisfies Target;

const timesOf = (grants: { chatId: string; at: number }[], chatId?: string) =>
  grants.filter((g) => chatId === undefined || g.chatId === chatId).map((g) => g.at);

describe('rate limiter', () => {
  it('holds Telegram to 30/s overall and 1/s per chat, with many concurrent senders', async () => {
    const { limiter, grants } = limiterOnVirtualTime();
    const sends = Array.from({ length: 600 }, (_, i) => chat(`c${i % 50}`));
    await Promise.all(sends.map((t) => limiter.acquire('telegram', t)));
    expect(grants).toHaveLength(600);
    expect(maxInWindow(timesOf(grants), 1000)).toBe(30);
    for (let c = 0; c < 50; c += 1) expect(maxInWindow(timesOf(grants, `c${c}`), 1000)).toBe(1);
    const span = Math.max(...timesOf(grants)) - T0.getTime();
    expect(span).toBeLessThan(21_000);
  });

  it('holds a Telegram group or channel to 20 a minute', async () => {
    const { limiter, grants } = limiterOnVirtualTime();
    for (let i = 0; i < 45; i += 1) await limiter.acquire('telegram', chat('@news', 'channel'));
    expect(maxInWindow(timesOf(grants), 60_000)).toBe(20);
    expect(maxInWindow(timesOf(grants), 1000)).toBe(1);
  });

  it('holds Discord to 5 per 5 s per channel and 50/s overall', async () => {
    const { limiter, grants } = limiterOnVirtualTime();
    const sends = Array.from({ length: 400 }, (_, i) => chat(`ch${i % 20}`, 'channel', 'discord'));
    await Promise.all(sends.map((t) => limiter.acquire('discord', t)));
    expect(maxInWindow(timesOf(grants), 1000)).toBeLessThanOrEqual(50);
    for (let c = 0; c < 20; c += 1) expect(maxInWindow(timesOf(grants, `ch${c}`), 5000)).toBe(5);
  });

  it('paces WhatsApp 3 to 8 s apart with jitter', async () => {
    const draws = [0, 1, 0.5, 0.25];
    let n = 0;
    const { limiter, grants } = limiterOnVirtualTime(() => draws[n++ % draws.length] ?? 0);
    for (let i = 0; i < 5; i += 1)
      await limiter.acquire('whatsapp', chat(`p${i}`, 'private', 'whatsapp'));
    const at = timesOf(grants);
    const gaps = at.slice(1).map((t, i) => t - (at[i] ?? 0));
    expect(gaps).toEqual([3000, 8000, 5500, 4250]);
  });

  it('stops at the WhatsApp daily cap', async () => {
    const time = createVirtualTime(T0);
    const limiter = createRateLimiter({
      limits: limitsFromConfig({
        ...DEFAULT_RATES,
        whatsapp: { paceMinMs: 0, paceMaxMs: 0, dailyCap: 3 },
      }),
      clock: time.clock,
      sleep: time.sleep,
    });
    const to = chat('p', 'private', 'whatsapp');
    for (let i = 0; i < 3; i += 1) await limiter.acquire('whatsapp', to);
    const denied = await limiter.acquire('whatsapp', to, { maxWaitMs: 60_000 });
    expect(denied).toEqual({ ok: false, retryAt: new Date(T0.getTime() + 86_400_000) });
  });

  it('pauses the whole platform and refuses waits longer than allowed', async () => {
    const { limiter, clock } = limiterOnVirtualTime();
    limiter.pause('telegram', 5000);
    expect(limiter.delayFor('telegram', chat('x'))).toBe(5000);
    expect(await limiter.acquire('telegram', chat('x'), { maxWaitMs: 1000 })).toMatchObject({
      ok: false,
    });
    expect(await limiter.acquire('telegram', chat('x'))).toEqual({
      ok: true,
      waitedMs: 5000,
      grantedAt: T0.getTime() + 5000,
    });
    expect(clock.now().getTime()).toBe(T0.getTime() + 5000);
    expect(limiter.stats('telegram')).toMatchObject({ granted: 1, waitedMs: 5000 });
  });
});

describe('dispatcher under the limiter', () => {
  it('never exceeds the per-chat and global limits end to end', async () => {
    const h = createDeliveryHarness({ batch: false });
    for (let c = 0; c < 40; c += 1) await h.subscribe({ chatId: `c${c}` });
    await h.subscribe({ chatId: '@channel', kind: 'channel' });
    const stories = [];
    for (let s = 0; s < 25; s += 1) stories.push(await h.addStory());
    await h.fanOut.enqueueStories(stories);
    for (let round = 0; round < 50; round += 1) {
      await h.dispatcher.runOnce();
      const next = await h.outbox.nextDueAt();
      if (next === undefined) break;
      if (next > h.clock.now()) h.clock.set(next);
    }
    const acked = h.platform().acked();
    expect(acked).toHaveLength(41 * 25);
    expect(
      maxInWindow(
        acked.map((c) => c.at),
        1000,
      ),
    ).toBeLessThanOrEqual(30);
    for (const id of ['c0', 'c17', '@channel']) {
      expect(
        maxInWindow(
          acked.filter((c) => c.target.chatId === id).map((c) => c.at),
          1000,
        ),
      ).toBe(1);
    }
    const channel = acked.filter((c) => c.target.chatId === '@channel').map((c) => c.at);
    expect(maxInWindow(channel, 60_000)).toBe(20);
  });
});
