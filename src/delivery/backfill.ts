import type { Clock } from '../domain/clock.ts';
import type { Subscription } from '../domain/subscription.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import type { ReaderLinkStore } from '../store/reader-link-store.ts';
import type { StoryStore } from '../store/story-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import { readLinks, samePersonTargets } from './linked-readers.ts';
import { outboxRowFor } from './fan-out.ts';
import { matchesFilters, storyTerms } from './filters.ts';

export interface BackfillDeps {
  stories: Pick<StoryStore, 'latestStories'>;
  outbox: Pick<OutboxStore, 'enqueue' | 'listBySubscription'>;
  clock: Clock;
  /** IANA zone of a chat that chose none. */
  digestTimezone: string;
  /** With both: a linked person is not back-filled a story one of their other chats got. */
  links?: Pick<ReaderLinkStore, 'listLinks'>;
  subscriptions?: Pick<SubscriptionStore, 'findByTarget'>;
}

/** How many of the newest stories are looked at for each one back-filled. */
const LOOK_AT = 20;

/**
 * Back-fill on subscribe: the newest `count` stories matching the subscription's filters are
 * queued for it, oldest first, through the outbox like any story (its quiet hours and digest
 * times apply). The outbox holds one row per story and subscription, and a subscription that
 * stops is kept, so a chat is never sent a story again that it was sent before.
 */
export function createBackfill(deps: BackfillDeps) {
  return async (sub: Subscription, count: number): Promise<number> => {
    if (count <= 0 || !sub.active) return 0;
    const recent = await deps.stories.latestStories({ limit: Math.min(500, count * LOOK_AT) });
    const seen = await seenElsewhere(deps, sub);
    const picked = recent
      .filter((s) => s.duplicateOf === undefined && !seen.has(s.id))
      .filter((s) => matchesFilters(storyTerms(s), sub.filters))
      .slice(0, count)
      .reverse();
    if (picked.length === 0) return 0;
    const now = deps.clock.now();
    const rows = picked.map((s) => outboxRowFor(s, sub, deps.digestTimezone, now));
    return deps.outbox.enqueue(rows, now);
  };
}

/** Stories queued for the person's other linked private chats. */
async function seenElsewhere(deps: BackfillDeps, sub: Subscription): Promise<Set<string>> {
  const seen = new Set<string>();
  if (deps.links === undefined || deps.subscriptions === undefined) return seen;
  for (const chat of samePersonTargets(sub, await readLinks(deps.links))) {
    const other = await deps.subscriptions.findByTarget({ ...chat, kind: 'private' });
    if (other === undefined) continue;
    for (const row of await deps.outbox.listBySubscription(other.id)) seen.add(row.storyId);
  }
  return seen;
}
