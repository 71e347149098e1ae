import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_CONFIG } from '../../src/delivery/delivery-config.ts';
import { createDispatcher } from '../../src/delivery/dispatcher.ts';
import { createFanOut } from '../../src/delivery/fan-out.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import { createRateLimiter } from '../../src/delivery/rate-limiter.ts';
import { silentLog } from '../../src/domain/log.ts';
import { EMPTY_FILTERS, type Target } from '../../src/domain/subscription.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteOutboxStore } from '../../src/store/sqlite/outbox-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import { createFakePlatform, createVirtualTime } from '../support/delivery-fakes.ts';
import { makeDraft } from '../support/drafts.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** One Herald process over the SQLite file: its stores, a fake Telegram, a dispatcher. */
function heraldProcess(path: string, start: Date) {
  const db = openSqliteDatabase(path);
  const time = createVirtualTime(start);
  const stories = createSqliteStoryStore(db);
  const subscriptions = createSqliteSubscriptionStore(db);
  const outbox = createSqliteOutboxStore(db);
  const telegram = createFakePlatform('telegram', time.clock);
  const deps = { outbox, subscriptions, stories, clock: time.clock, log: silentLog };
  const limiter = createRateLimiter({
    limits: limitsFromConfig(DEFAULT_DELIVERY_CONFIG.rates),
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
  });
  const dispatcher = createDispatcher({
    ...deps,
    limiter,
    platforms: new Map([['telegram', telegram]]),
    config: DEFAULT_DELIVERY_CONFIG,
    random: () => 0.5,
  });
  const fanOut = createFanOut({ ...deps, digestTimezone: 'UTC' });
  return { db, stories, subscriptions, outbox, telegram, dispatcher, fanOut, clock: time.clock };
}

const chat: Target = { platform: 'telegram', chatId: '42', kind: 'private' };

describe('quiet hours across a restart and a daylight-saving change', () => {
  it('sends what came during the night once, as one digest at 07:00 Berlin time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-quiet-'));
    dirs.push(dir);
    const path = join(dir, 'herald.db');
    // 23:30 in Berlin on 24 October 2026, the night summer time ends (03:00 -> 02:00).
    const first = heraldProcess(path, new Date('2026-10-24T21:30:00Z'));
    const sub = await first.subscriptions.saveSubscription(
      { target: chat, filters: EMPTY_FILTERS, mode: { kind: 'instant' }, createdBy: 'telegram:42' },
      first.clock.now(),
    );
    await first.subscriptions.updateSubscription(
      sub.id,
      { preferences: { timezone: 'Europe/Berlin', quiet: { from: '22:00', to: '07:00' } } },
      first.clock.now(),
    );
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { story } = await first.stories.upsertStory(
        makeDraft({ title: `Night story ${i}` }),
        first.clock.now(),
      );
      ids.push(story.id);
      await first.fanOut.enqueueStory(story);
      first.clock.set(new Date(first.clock.now().getTime() + 60 * 60_000));
    }
    await first.dispatcher.runOnce();
    expect(first.telegram.calls).toHaveLength(0);
    await first.dispatcher.stop();
    first.db.close();

    // The next process starts a minute before the end: 07:00 CET is 06:00 UTC after the change.
    const second = heraldProcess(path, new Date('2026-10-25T05:59:00Z'));
    await second.dispatcher.runOnce();
    expect(second.telegram.calls).toHaveLength(0);
    second.clock.set(new Date('2026-10-25T06:00:00Z'));
    await second.dispatcher.runOnce();
    expect(second.telegram.calls).toHaveLength(1);
    const reply = second.telegram.calls[0]?.reply;
    expect(reply?.kind).toBe('cards');
    if (reply?.kind === 'cards') expect(reply.cards.map((c) => c.id)).toEqual(ids);
    await second.dispatcher.runOnce();
    await second.dispatcher.stop();
    second.db.close();

    const third = heraldProcess(path, new Date('2026-10-25T09:00:00Z'));
    await third.dispatcher.runOnce();
    expect(third.telegram.calls).toHaveLength(0);
    const rows = await third.outbox.listBySubscription(sub.id);
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
    expect(new Set(rows.map((r) => r.messageId)).size).toBe(1);
    // A story after the quiet hours goes out at once.
    const { story } = await third.stories.upsertStory(
      makeDraft({ title: 'Morning' }),
      third.clock.now(),
    );
    await third.fanOut.enqueueStory(story);
    await third.dispatcher.runOnce();
    expect(third.telegram.calls.map((c) => c.reply.kind)).toEqual(['card']);
    await third.dispatcher.stop();
    third.db.close();
  });
});
