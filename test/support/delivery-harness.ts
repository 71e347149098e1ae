import { createDispatcher, type DispatchTally } from '../../src/delivery/dispatcher.ts';
import type { Sleep } from '../../src/delivery/sleep.ts';
import { createFanOut } from '../../src/delivery/fan-out.ts';
import type { DevelopmentCheck, EventReader } from '../../src/delivery/event-delivery.ts';
import {
  DEFAULT_DELIVERY_CONFIG,
  type DeliveryConfig,
} from '../../src/delivery/delivery-config.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import { createRateLimiter } from '../../src/delivery/rate-limiter.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Story, StoryDraft } from '../../src/domain/story.ts';
import {
  EMPTY_FILTERS,
  type PlatformName,
  type Subscription,
  type Target,
} from '../../src/domain/subscription.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteEventStore } from '../../src/store/sqlite/event-store.ts';
import { createSqliteOutboxStore } from '../../src/store/sqlite/outbox-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import type { NewSubscription } from '../../src/store/subscription-store.ts';
import { createFakePlatform, createVirtualTime, type FakePlatform } from './delivery-fakes.ts';
import { makeDraft } from './drafts.ts';

export const T0 = new Date('2026-06-01T07:00:00Z');

export interface HarnessOptions {
  platforms?: PlatformName[];
  config?: Partial<DeliveryConfig>;
  sleep?: Sleep;
  /**
   * Stories' events (delivery by event): a reader, or `store` for the SQLite event store of
   * the harness's own database (stories stored with their event by the ingest); none: every
   * story is its own event.
   */
  events?: EventReader | 'store';
  development?: DevelopmentCheck;
  /** false: every subscription made by `subscribe` is on `batch off` (one message a story). */
  batch?: false;
}

/** Real SQLite stores in memory, fake platforms, virtual time: the whole delivery path. */
export function createDeliveryHarness(options: HarnessOptions = {}) {
  const db = openSqliteDatabase(':memory:');
  const stories = createSqliteStoryStore(db);
  const subscriptions = createSqliteSubscriptionStore(db);
  const outbox = createSqliteOutboxStore(db);
  const time = createVirtualTime(T0);
  const config = { ...DEFAULT_DELIVERY_CONFIG, ...options.config };
  const fakes = new Map<PlatformName, FakePlatform>();
  for (const name of options.platforms ?? ['telegram']) {
    fakes.set(name, createFakePlatform(name, time.clock));
  }
  const limiter = createRateLimiter({
    limits: limitsFromConfig(config.rates),
    clock: time.clock,
    sleep: options.sleep ?? time.sleep,
    random: () => 0.5,
  });
  const deps = {
    outbox,
    subscriptions,
    stories,
    limiter,
    clock: time.clock,
    log: silentLog,
    ...(options.events === undefined
      ? {}
      : { events: options.events === 'store' ? createSqliteEventStore(db) : options.events }),
    ...(options.development === undefined ? {} : { development: options.development }),
  };
  const dispatcher = createDispatcher({ ...deps, platforms: fakes, config, random: () => 0.5 });
  const fanOut = createFanOut({
    ...deps,
    digestTimezone: config.digestTimezone,
    followUpsPerEventDay: config.followUpsPerEventDay,
  });
  return {
    db,
    stories,
    subscriptions,
    outbox,
    limiter,
    dispatcher,
    fanOut,
    clock: time.clock,
    platform: (name: PlatformName = 'telegram') => fakes.get(name) as FakePlatform,
    addStory: (overrides: Partial<StoryDraft> = {}) =>
      addStory(stories, time.clock.now(), overrides),
    subscribe: (
      target: Partial<Target> & { chatId: string },
      extra: Partial<NewSubscription> = {},
    ) => subscribe(subscriptions, time.clock.now(), target, extra, options.batch),
  };
}

export type DeliveryHarness = ReturnType<typeof createDeliveryHarness>;

/** Dispatch passes, moving the clock to the next due row, until the outbox is idle. */
export async function runUntilIdle(h: DeliveryHarness, maxRounds = 100): Promise<DispatchTally> {
  const total: DispatchTally = { sent: 0, retried: 0, failed: 0, rejected: 0, invalid: 0, dead: 0 };
  for (let round = 0; round < maxRounds; round += 1) {
    const tally = await h.dispatcher.runOnce();
    for (const key of Object.keys(total) as (keyof DispatchTally)[]) total[key] += tally[key];
    const next = await h.outbox.nextDueAt();
    if (next === undefined) return total;
    if (next > h.clock.now()) h.clock.set(next);
  }
  throw new Error('the outbox never emptied');
}

async function addStory(
  stories: ReturnType<typeof createSqliteStoryStore>,
  now: Date,
  overrides: Partial<StoryDraft>,
): Promise<Story> {
  return (await stories.upsertStory(makeDraft(overrides), now)).story;
}

async function subscribe(
  store: ReturnType<typeof createSqliteSubscriptionStore>,
  now: Date,
  target: Partial<Target> & { chatId: string },
  extra: Partial<NewSubscription>,
  batch?: false,
): Promise<Subscription> {
  const sub = await store.saveSubscription(
    {
      target: { platform: 'telegram', kind: 'private', ...target },
      filters: EMPTY_FILTERS,
      mode: { kind: 'instant' },
      createdBy: 'operator',
      ...extra,
    },
    now,
  );
  if (batch !== false) return sub;
  return store.updateSubscription(sub.id, { preferences: { ...sub.preferences, batch } }, now);
}
