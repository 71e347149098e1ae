import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_CONFIG } from '../../src/delivery/delivery-config.ts';
import { createDispatcher } from '../../src/delivery/dispatcher.ts';
import { createFanOut } from '../../src/delivery/fan-out.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import { createRateLimiter } from '../../src/delivery/rate-limiter.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { CommandHandler } from '../../src/domain/platform.ts';
import { EMPTY_FILTERS } from '../../src/domain/subscription.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteOutboxStore } from '../../src/store/sqlite/outbox-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import { createVirtualTime, maxInWindow } from '../support/delivery-fakes.ts';
import { makeDraft } from '../support/drafts.ts';
import type { WhatsAppOptions } from '../../adapters/whatsapp/index.ts';
import { RELINK_CHECK_MS } from '../../adapters/whatsapp/relink.ts';
import { closed, OPEN } from '../support/whatsapp-fake.ts';
import { createWhatsAppHarness, settle } from '../support/whatsapp-harness.ts';

const DAY = 86_400_000;
const NEWSLETTER = '120363012345678901@newsletter';
const commands: CommandHandler = { handleText: () => Promise.resolve(undefined) };
const whatsapp = { paceMinMs: 3000, paceMaxMs: 8000, dailyCap: 10 };

/**
 * A small seeded generator, so the jitter differs from send to send but not from run to run.
 * Its values are eighths, so each pace (3000 + r * 5000 ms) is a whole number of milliseconds:
 * the virtual clock is a Date, which cannot stand at a fractional instant.
 */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48_271) % 2_147_483_647;
    return Math.floor((s / 2_147_483_647) * 8) / 8;
  };
}

async function setUp(newsletterJid?: string, overrides: Partial<WhatsAppOptions> = {}) {
  const db = openSqliteDatabase(':memory:');
  const stories = createSqliteStoryStore(db);
  const subscriptions = createSqliteSubscriptionStore(db);
  const outbox = createSqliteOutboxStore(db);
  const time = createVirtualTime(new Date('2026-06-01T07:00:00Z'));
  const config = {
    ...DEFAULT_DELIVERY_CONFIG,
    rates: { ...DEFAULT_DELIVERY_CONFIG.rates, whatsapp },
  };
  const wa = createWhatsAppHarness({
    subscriptions,
    clock: time.clock,
    db,
    overrides: { ...overrides, ...(newsletterJid === undefined ? {} : { newsletterJid }) },
  });
  const socket = await wa.start(commands);
  const sendTimes: number[] = [];
  const send = socket.sendMessage;
  socket.sendMessage = (jid, content, options) => {
    sendTimes.push(time.clock.now().getTime());
    return send(jid, content, options);
  };
  const limiter = createRateLimiter({
    limits: limitsFromConfig(config.rates),
    clock: time.clock,
    sleep: time.sleep,
    random: seeded(7),
  });
  const deps = { outbox, subscriptions, stories, limiter, clock: time.clock, log: silentLog };
  const platforms = new Map([['whatsapp' as const, wa.platform]]);
  const dispatcher = createDispatcher({ ...deps, platforms, config, random: () => 0.5 });
  const fanOut = createFanOut({ ...deps, digestTimezone: 'UTC' });
  const addStory = async () => (await stories.upsertStory(makeDraft(), time.clock.now())).story;
  return { db, subscriptions, outbox, time, wa, socket, sendTimes, dispatcher, fanOut, addStory };
}

async function optIn(
  subscriptions: ReturnType<typeof createSqliteSubscriptionStore>,
  n: number,
  now: Date,
) {
  for (let i = 0; i < n; i += 1) {
    await subscriptions.saveSubscription(
      {
        target: {
          platform: 'whatsapp',
          chatId: `4477009${String(i).padStart(5, '0')}@s.whatsapp.net`,
          kind: 'private',
        },
        filters: EMPTY_FILTERS,
        mode: { kind: 'instant' },
        createdBy: `whatsapp:4477009${String(i).padStart(5, '0')}`,
      },
      now,
    );
  }
}

describe('WhatsApp broadcasts through the dispatcher (virtual time)', () => {
  it('goes to each opted-in person one at a time, paced with jitter, under the daily cap', async () => {
    const h = await setUp();
    await optIn(h.subscriptions, 25, h.time.clock.now());
    await h.fanOut.enqueueStory(await h.addStory());
    await h.dispatcher.runOnce();
    expect(h.socket.sent).toHaveLength(10);
    const gaps = h.sendTimes.slice(1).map((t, i) => t - (h.sendTimes[i] ?? 0));
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(whatsapp.paceMinMs);
      expect(gap).toBeLessThanOrEqual(whatsapp.paceMaxMs);
    }
    expect(new Set(gaps).size).toBeGreaterThan(2);
    expect(new Set(h.socket.sent.map((m) => m.jid)).size).toBe(10);

    for (let day = 1; day <= 3; day += 1) {
      h.time.clock.set(h.time.clock.now().getTime() + DAY);
      await h.dispatcher.runOnce();
    }
    expect(h.socket.sent).toHaveLength(25);
    expect(new Set(h.socket.sent.map((m) => m.jid)).size).toBe(25);
    expect(maxInWindow(h.sendTimes, DAY)).toBeLessThanOrEqual(whatsapp.dailyCap);
  });

  it('a person who sent STOP before their turn gets nothing', async () => {
    const h = await setUp();
    await optIn(h.subscriptions, 3, h.time.clock.now());
    await h.fanOut.enqueueStory(await h.addStory());
    const [first] = await h.subscriptions.listSubscriptions({ active: true });
    if (first === undefined) throw new Error('no subscription');
    await h.subscriptions.deactivateSubscription(first.id, 'unsubscribed', h.time.clock.now());
    await h.dispatcher.runOnce();
    expect(h.socket.sent.map((m) => m.jid)).not.toContain(first.target.chatId);
    expect(h.socket.sent).toHaveLength(2);
  });

  it('the newsletter (channel) receives each story once, across repeats and restarts', async () => {
    const h = await setUp(NEWSLETTER);
    const story = await h.addStory();
    await h.fanOut.enqueueStory(story);
    await h.fanOut.enqueueStory(story);
    await h.dispatcher.runOnce();
    await h.wa.platform.stop();
    const again = await h.wa.start(commands);
    await h.fanOut.enqueueStory(story);
    const second = await h.addStory();
    await h.fanOut.enqueueStory(second);
    await h.dispatcher.runOnce();
    const texts = [...h.socket.textsTo(NEWSLETTER), ...again.textsTo(NEWSLETTER)];
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain(story.title);
    expect(texts[1]).toContain(second.title);
    const channels = await h.subscriptions.listSubscriptions({ platform: 'whatsapp' });
    expect(channels.filter((s) => s.target.kind === 'channel')).toHaveLength(1);
  });
});

/** Timers run by hand: the tasks `every` was given, by period. */
function manualTimers() {
  const tasks: { ms: number; task: () => void }[] = [];
  const every: NonNullable<WhatsAppOptions['every']> = (ms, task) => {
    const entry = { ms, task };
    tasks.push(entry);
    return () => {
      const at = tasks.indexOf(entry);
      if (at >= 0) tasks.splice(at, 1);
    };
  };
  const fire = (ms: number) => {
    for (const t of tasks.filter((x) => x.ms === ms)) t.task();
  };
  return { every, fire };
}

describe('WhatsApp logged out: messages wait for a re-link', () => {
  const HOUR = 3_600_000;

  async function loggedOut(code: number, overrides: Partial<WhatsAppOptions> = {}) {
    const h = await setUp(undefined, overrides);
    await optIn(h.subscriptions, 3, h.time.clock.now());
    await h.fanOut.enqueueStory(await h.addStory());
    h.socket.emit('connection.update', closed(code));
    await settle();
    // Dispatch ticks for a day: nothing is claimed, nothing spends an attempt.
    for (let tick = 0; tick < 24; tick += 1) {
      await h.dispatcher.runOnce();
      h.time.clock.set(h.time.clock.now().getTime() + HOUR);
    }
    return h;
  }

  async function rowsOf(h: Awaited<ReturnType<typeof setUp>>) {
    const subs = await h.subscriptions.listSubscriptions({ platform: 'whatsapp' });
    const rows = await Promise.all(subs.map((s) => h.outbox.listBySubscription(s.id)));
    return rows.flat().map((r) => [r.state, r.attempts]);
  }

  it.each([
    [401, 'loggedOut'],
    [403, 'forbidden'],
    [440, 'connectionReplaced'],
  ])(
    '%i (%s): the running bot sends them once `herald whatsapp login` linked again',
    async (code) => {
      let identity: string | undefined = '447700900000:1@s.whatsapp.net#111';
      const timers = manualTimers();
      const h = await loggedOut(code, { linked: () => identity, every: timers.every });
      expect(h.wa.platform.state()).toBe('stopped');
      expect(h.socket.sent).toHaveLength(0);
      expect(await rowsOf(h)).toEqual(Array.from({ length: 3 }, () => ['pending', 0]));
      const unavailable = await h.wa.platform.send(
        { platform: 'whatsapp', chatId: '447700900123@s.whatsapp.net', kind: 'private' },
        { kind: 'notice', text: 'x' },
      );
      expect(unavailable).toMatchObject({ kind: 'unavailable', reason: /whatsapp stopped/ });

      // The same link, or a login under way (nothing linked yet): still waiting.
      timers.fire(RELINK_CHECK_MS);
      identity = undefined;
      timers.fire(RELINK_CHECK_MS);
      await settle();
      expect(h.wa.factory.sockets).toHaveLength(1);

      identity = '447700900000:2@s.whatsapp.net#222';
      timers.fire(RELINK_CHECK_MS);
      await settle();
      expect(h.wa.factory.sockets).toHaveLength(2);
      h.wa.factory.last().emit('connection.update', OPEN);
      expect(h.wa.platform.state()).toBe('ready');
      await h.dispatcher.runOnce();
      expect(h.wa.factory.last().sent).toHaveLength(3);
      expect(await rowsOf(h)).toEqual(Array.from({ length: 3 }, () => ['sent', 0]));
    },
  );

  it('without a way to see a re-link, the next start sends them', async () => {
    const h = await loggedOut(401);
    expect(await rowsOf(h)).toEqual(Array.from({ length: 3 }, () => ['pending', 0]));
    const again = await h.wa.start(commands);
    await h.dispatcher.runOnce();
    expect(again.sent).toHaveLength(3);
    expect(await rowsOf(h)).toEqual(Array.from({ length: 3 }, () => ['sent', 0]));
  });
});
