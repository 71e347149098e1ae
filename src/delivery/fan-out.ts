import type { Clock } from '../domain/clock.ts';
import type { Story } from '../domain/story.ts';
import { chatKeyOf, type Subscription } from '../domain/subscription.ts';
import type { NewOutboxRow, OutboxStore } from '../store/outbox-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
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
  if (story.duplicateOf !== undefined) return { matched: 0, enqueued: 0, skipped: 'duplicate' };
  if (subscriptions.length === 0) return { matched: 0, enqueued: 0 };
  const now = deps.clock.now();
  const terms = storyTerms(story);
  const matching = onePerPerson(
    subscriptions.filter((s) => s.active && matchesFilters(terms, s.filters)),
    links,
  );
  const rows = matching.map((s) => outboxRowFor(story, s, deps.digestTimezone, now));
  const enqueued = rows.length === 0 ? 0 : await deps.outbox.enqueue(rows, now);
  return { matched: matching.length, enqueued };
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
