import { createTelegramPlatform, type TelegramPlatform } from '../../adapters/telegram/index.ts';
import { DEFAULT_DELIVERY_CONFIG } from '../../src/delivery/delivery-config.ts';
import { createDispatcher, type DispatchTally } from '../../src/delivery/dispatcher.ts';
import { createFanOut } from '../../src/delivery/fan-out.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import { createRateLimiter } from '../../src/delivery/rate-limiter.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Story, StoryDraft } from '../../src/domain/story.ts';
import {
  EMPTY_FILTERS,
  type DeliveryPolicy,
  type Subscription,
  type Target,
} from '../../src/domain/subscription.ts';
import type { DevelopmentCheck, EventReader } from '../../src/delivery/event-delivery.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteOutboxStore } from '../../src/store/sqlite/outbox-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import { createVirtualTime } from './delivery-fakes.ts';
import { makeDraft } from './drafts.ts';
import { createMemoryLog } from './telegram-harness.ts';
import { TelegramStandIn } from './telegram-stand-in.ts';

const T0 = new Date('2026-06-01T07:00:00Z');

/**
 * The whole delivery path to Telegram: SQLite stores in memory, the real fan-out, rate limiter
 * and dispatcher on virtual time, the real adapter (real telegraf) and the stand-in Bot API,
 * whose rate windows read the same virtual clock. Telegram's own limits apply on both sides.
 */
export async function startDeliveryRig(
  options: {
    channelId?: string;
    events?: EventReader;
    development?: DevelopmentCheck;
    /** false: subscriptions on `batch off`, one message a story (ADR 0029). */
    batch?: false;
  } = {},
) {
  const db = openSqliteDatabase(':memory:');
  const stories = createSqliteStoryStore(db);
  const subscriptions = createSqliteSubscriptionStore(db);
  const outbox = createSqliteOutboxStore(db);
  const time = createVirtualTime(T0);
  const now = () => time.clock.now().getTime();
  const standIn = new TelegramStandIn({ now });
  const log = createMemoryLog();
  const platform: TelegramPlatform = createTelegramPlatform({
    token: standIn.token,
    apiRoot: await standIn.listen(),
    timeZone: 'UTC',
    log,
    ...(options.channelId === undefined ? {} : { channelId: options.channelId }),
  });
  await platform.start({ handleText: () => Promise.resolve(undefined) });
  const config = DEFAULT_DELIVERY_CONFIG;
  const limiter = createRateLimiter({
    limits: limitsFromConfig(config.rates),
    clock: time.clock,
    sleep: time.sleep,
    random: () => 0.5,
  });
  const deps = {
    outbox,
    subscriptions,
    stories,
    limiter,
    clock: time.clock,
    log: silentLog,
    ...(options.events === undefined ? {} : { events: options.events }),
    ...(options.development === undefined ? {} : { development: options.development }),
  };
  const platforms = new Map([['telegram' as const, platform]]);
  const dispatcher = createDispatcher({ ...deps, platforms, config, random: () => 0.5 });
  const fanOut = createFanOut({ ...deps, digestTimezone: 'UTC' });
  const batchOff = (sub: Subscription) =>
    options.batch === false
      ? subscriptions.updateSubscription(
          sub.id,
          { preferences: { batch: false } },
          time.clock.now(),
        )
      : Promise.resolve(sub);
  return {
    standIn,
    platform,
    log,
    subscriptions,
    outbox,
    clock: time.clock,
    /** Stores a story and announces it (`before` runs in between: give it its event). */
    addStory: async (
      overrides: Partial<StoryDraft> = {},
      before?: (story: Story) => void,
    ): Promise<Story> => {
      const story = (await stories.upsertStory(makeDraft(overrides), time.clock.now())).story;
      before?.(story);
      await fanOut.enqueueStory(story);
      return story;
    },
    /** Announces a stored story again (as a re-ingest would): nothing new may be sent. */
    announceAgain: (story: Story) => fanOut.enqueueStory(story),
    subscribe: async (target: Target, policy?: DeliveryPolicy): Promise<Subscription> =>
      batchOff(
        await subscriptions.saveSubscription(
          {
            target,
            filters: EMPTY_FILTERS,
            mode: { kind: 'instant' },
            createdBy: 'operator',
            ...(policy === undefined ? {} : { policy }),
          },
          time.clock.now(),
        ),
      ),
    /** Dispatch passes, moving virtual time to the next due row, until nothing is open. */
    runUntilIdle: async (maxRounds = 200): Promise<DispatchTally> => {
      const total: DispatchTally = {
        sent: 0,
        retried: 0,
        failed: 0,
        rejected: 0,
        invalid: 0,
        dead: 0,
      };
      for (let round = 0; round < maxRounds; round += 1) {
        const tally = await dispatcher.runOnce();
        for (const key of Object.keys(total) as (keyof DispatchTally)[]) total[key] += tally[key];
        const next = await outbox.nextDueAt();
        if (next === undefined) return total;
        if (next > time.clock.now()) time.clock.set(next);
      }
      throw new Error('the outbox never emptied');
    },
    stop: async () => {
      await dispatcher.stop();
      await platform.stop();
      await standIn.close();
      db.close();
    },
  };
}

export type DeliveryRig = Awaited<ReturnType<typeof startDeliveryRig>>;
