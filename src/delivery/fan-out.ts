import type { Clock } from '../domain/clock.ts';
import type { Story } from '../domain/story.ts';
import { chatKeyOf, policyOf, type Subscription } from '../domain/subscription.ts';
import type { NewOutboxRow, OutboxStore } from '../store/outbox-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import {
  DEFAULT_FOLLOW_UPS_PER_EVENT_DAY,
  planEventRows,
  type DevelopmentCheck,
  type EventReader,
  type StoryReader,
} from './event-delivery.ts';
import { matchesFilters, storyTerms } from './filters.ts';
import { digestTimeFor } from './quiet-hours.ts';
import type { ReaderLinkStore } from '../store/reader-link-store.ts';
import { onePerPerson, readLinks, type LinkIndex } from './linked-readers.ts';

export interface FanOutResult {
  /** Active subscriptions whose filters took the story. */
  matched: number;
  /** Outbox rows added (fewer than matched when the story was enqueued before). */
  enqueued: number;
  /** Set when the story was not fanned out at all. */
  skipped?: 'duplicate';
}

export interface FanOut {
  /** One outbox row per matching active subscription; idempotent (safe to run twice). */
  enqueueStory(story: Story): Promise<FanOutResult>;
  /** The same for several stories, in order, reading the subscriptions once. */
  enqueueStories(stories: readonly Story[]): Promise<FanOutResult[]>;
}

export interface FanOutDeps {
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  clock: Clock;
  /** IANA zone of the digest times and quiet hours of a chat that chose none. */
  digestTimezone: string;
  /**
   * Each story's event (the event store). Without it, or for a story with no event, every
   * story is an event of its own: each policy posts every story.
   */
  events?: EventReader;
  /** The stories already sent, read to tell a development (needed with `events`). */
  stories?: StoryReader;
  /** Follow-ups per event and subscription in a rolling day (default 3). */
  followUpsPerEventDay?: number;
  /** Tells a development (the text's `developmentOf`); without it, no follow-ups. */
  development?: DevelopmentCheck;
  /** Readers' linked chats: a linked person gets each story in one of them (ADR 0027). */
  links?: Pick<ReaderLinkStore, 'listLinks'>;
}

export function createFanOut(deps: FanOutDeps): FanOut {
  const enqueueStories = async (stories: readonly Story[]) => {
    const active = await deps.subscriptions.listSubscriptions({ active: true });
    const links = await readLinks(deps.links);
    const results: FanOutResult[] = [];
    for (const story of stories) results.push(await enqueueOne(deps, story, active, links));
    return results;
  };
  return {
    enqueueStory: async (story) =>
      (await enqueueStories([story]))[0] ?? { matched: 0, enqueued: 0 },
    enqueueStories,
  };
}

async function enqueueOne(
  deps: FanOutDeps,
  story: Story,
  subscriptions: readonly Subscription[],
  links: LinkIndex,
): Promise<FanOutResult> {
  if (story.duplicateOf !== undefined && deps.events === undefined)
    return { matched: 0, enqueued: 0, skipped: 'duplicate' };
  if (subscriptions.length === 0) return { matched: 0, enqueued: 0 };
  const event = deps.events === undefined ? undefined : await deps.events.eventOf(story.id);
  if (story.duplicateOf !== undefined && (event?.reports.length ?? 0) < 2)
    return { matched: 0, enqueued: 0, skipped: 'duplicate' };
  const now = deps.clock.now();
  const terms = storyTerms(story);
  const matching = onePerPerson(
    subscriptions.filter((s) => s.active && matchesFilters(terms, s.filters)),
    links,
  );
  const every = matching.filter((s) => policyOf(s) === 'every');
  const byEvent = matching.filter((s) => policyOf(s) !== 'every');
  const rows =
    story.duplicateOf === undefined
      ? every.map((s) => outboxRowFor(story, s, deps.digestTimezone, now))
      : [];
  let enqueued = rows.length === 0 ? 0 : await deps.outbox.enqueue(rows, now);
  if (byEvent.length > 0) enqueued += await enqueueByEvent(deps, story, event, byEvent, now);
  if (story.duplicateOf !== undefined && enqueued === 0)
    return { matched: 0, enqueued: 0, skipped: 'duplicate' };
  return { matched: matching.length, enqueued };
}

/**
 * The rows of the subscriptions on an event policy. Two processes fanning out two reports of
 * one event at once may both plan its post: the store keeps one post per subscription and
 * event, and the loser plans again, seeing that post (so it gives an edit, not nothing).
 */
async function enqueueByEvent(
  deps: FanOutDeps,
  story: Story,
  event: Awaited<ReturnType<EventReader['eventOf']>>,
  subs: readonly Subscription[],
  now: Date,
): Promise<number> {
  const storyIds = event?.reports.map((r) => r.storyId) ?? [];
  if (!storyIds.includes(story.id)) storyIds.push(story.id);
  const planDeps = {
    stories: deps.stories ?? { getStory: () => Promise.resolve(undefined) },
    now,
    followUpsPerEventDay: deps.followUpsPerEventDay ?? DEFAULT_FOLLOW_UPS_PER_EVENT_DAY,
    digestAt: (s: Subscription) => digestTimeFor(s, deps.digestTimezone, now),
    ...(deps.development === undefined ? {} : { development: deps.development }),
  };
  let total = 0;
  for (let round = 0; round < 2; round += 1) {
    // A story alone in its event has no rows to look at but its own (unique: a re-run adds none).
    const existing = storyIds.length > 1 ? await deps.outbox.listByStories(storyIds) : [];
    const rows = await planEventRows(planDeps, story, event, subs, existing);
    if (rows.length === 0) return total;
    const added = await deps.outbox.enqueue(rows, now);
    total += added;
    if (added === rows.length || storyIds.length < 2) return total;
  }
  return total;
}

/** The row that brings `story` to `sub`: at once, or with its digest (digest times, quiet hours). */
export function outboxRowFor(
  story: Pick<Story, 'id'>,
  sub: Subscription,
  zone: string,
  now: Date,
): NewOutboxRow {
  const row: NewOutboxRow = {
    storyId: story.id,
    subscriptionId: sub.id,
    platform: sub.target.platform,
    chatKey: chatKeyOf(sub.target),
  };
  const digestAt = digestTimeFor(sub, zone, now);
  if (digestAt !== undefined) row.digestAt = digestAt;
  return row;
}
