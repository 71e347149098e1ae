import {
  DEFAULT_DELIVERY_CONFIG,
  type DeliveryConfig,
} from '../../src/delivery/delivery-config.ts';
import { createDispatcher, type DispatchTally } from '../../src/delivery/dispatcher.ts';
import { createFanOut } from '../../src/delivery/fan-out.ts';
import { limitsFromConfig } from '../../src/delivery/platform-limits.ts';
import { createRateLimiter } from '../../src/delivery/rate-limiter.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { OutboxRow } from '../../src/domain/outbox.ts';
import type { Platform } from '../../src/domain/platform.ts';
import type { Story } from '../../src/domain/story.ts';
import { EMPTY_FILTERS, type Subscription, type Target } from '../../src/domain/subscription.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteOutboxStore } from '../../src/store/sqlite/outbox-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import type { VirtualTime } from './delivery-fakes.ts';
import { makeDraft } from './drafts.ts';
import type { ReceivedLedger } from './fault-plan.ts';

export type { VirtualTime };

export interface FaultRigOptions {
  platform: Platform;
  time: VirtualTime;
  db?: ReturnType<typeof openSqliteDatabase>;
  config?: Partial<DeliveryConfig>;
}

/**
 * The real fan-out, rate limiter and dispatcher over a SQLite outbox, on virtual time, in
 * front of one started platform (its real SDK talking to a stand-in that injects faults).
 * The lease is long: virtual time runs ahead while a real HTTP round trip is in flight, and
 * the suite must not mistake that for an expired lease.
 */
export function createFaultDeliveryRig(options: FaultRigOptions) {
  const db = options.db ?? openSqliteDatabase(':memory:');
  const stories = createSqliteStoryStore(db);
  const subscriptions = createSqliteSubscriptionStore(db);
  const outbox = createSqliteOutboxStore(db);
  const { clock, sleep } = options.time;
  const config = { ...DEFAULT_DELIVERY_CONFIG, leaseMs: 3_600_000, ...options.config };
  const limiter = createRateLimiter({
    limits: limitsFromConfig(config.rates),
    clock,
    sleep,
    random: () => 0.5,
  });
  const deps = { outbox, subscriptions, stories, limiter, clock, log: silentLog };
  const platforms = new Map([[options.platform.name, options.platform]]);
  const dispatcher = createDispatcher({ ...deps, platforms, config, random: () => 0.5 });
  const fanOut = createFanOut({ ...deps, digestTimezone: 'UTC' });
  const subscribed: Subscription[] = [];
  return {
    db,
    outbox,
    subscriptions,
    subscribed,
    subscribe: async (target: Target): Promise<Subscription> => {
      const input = { target, filters: EMPTY_FILTERS, mode: { kind: 'instant' as const } };
      const created = await subscriptions.saveSubscription(
        { ...input, createdBy: 'operator' },
        clock.now(),
      );
      // One message a story: the audit finds each story by its message (ADR 0029).
      const batchOff = { preferences: { batch: false } };
      const saved = await subscriptions.updateSubscription(created.id, batchOff, clock.now());
      subscribed.push(saved);
      return saved;
    },
    /** Stores `n` new stories and fans each out; titles are unique ("Story number N"). */
    addStories: async (n: number): Promise<Story[]> => {
      const added: Story[] = [];
      for (let i = 0; i < n; i += 1) {
        const story = (await stories.upsertStory(makeDraft(), clock.now())).story;
        await fanOut.enqueueStory(story);
        added.push(story);
      }
      return added;
    },
    /** Dispatch passes, moving virtual time to the next due row, until nothing is open. */
    runUntilIdle: async (maxRounds = 5000): Promise<DispatchTally> => {
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
        if (next > clock.now()) clock.set(next);
      }
      throw new Error(`the outbox never emptied in ${maxRounds} rounds`);
    },
    rows: async (): Promise<{ subscription: Subscription; rows: OutboxRow[] }[]> => {
      const out = [];
      for (const s of subscribed)
        out.push({ subscription: s, rows: await outbox.listBySubscription(s.id) });
      return out;
    },
    stop: async () => {
      await dispatcher.stop();
      db.close();
    },
  };
}

export type FaultDeliveryRig = ReturnType<typeof createFaultDeliveryRig>;

export interface AuditInput {
  rig: FaultDeliveryRig;
  stories: readonly Story[];
  ledger: ReceivedLedger;
  /** The ledger's key of a subscription's chat. */
  chatKey: (s: Subscription) => string;
  /** Subscriptions whose every send fails for good: their rows must be dead, with an error. */
  doomed: ReadonlySet<string>;
}

export interface Audit {
  rows: number;
  sent: number;
  dead: number;
  /** Rows neither sent nor dead: an outcome never recorded. */
  open: number;
  deadWithoutError: number;
  /** A healthy (chat, story) that never arrived, or whose row is not `sent`. */
  lost: number;
  /** A doomed subscription's row that did not end dead. */
  doomedNotDead: number;
}

/** Compares the outbox with what the stand-in received. */
export async function auditDelivery(input: AuditInput): Promise<Audit> {
  const audit: Audit = {
    rows: 0,
    sent: 0,
    dead: 0,
    open: 0,
    deadWithoutError: 0,
    lost: 0,
    doomedNotDead: 0,
  };
  const titles = new Map(input.stories.map((s) => [s.id, s.title]));
  for (const { subscription, rows } of await input.rig.rows()) {
    const doomed = input.doomed.has(subscription.id);
    for (const row of rows) {
      audit.rows += 1;
      if (row.state === 'sent') audit.sent += 1;
      else if (row.state === 'dead') audit.dead += 1;
      else audit.open += 1;
      if (row.state === 'dead' && (row.lastError ?? '') === '') audit.deadWithoutError += 1;
      if (doomed && row.state !== 'dead') audit.doomedNotDead += 1;
      const arrived = input.ledger.has(input.chatKey(subscription), titles.get(row.storyId) ?? '');
      if (!doomed && (row.state !== 'sent' || !arrived)) audit.lost += 1;
    }
  }
  return audit;
}
