import type { Reply } from '../../domain/reply.ts';
import {
  EMPTY_FILTERS,
  FiltersSchema,
  type DeliveryPolicy,
  type Subscription,
} from '../../domain/subscription.ts';
import { describeSubscription } from '../describe.ts';
import type { Run } from '../deps.ts';
import { userKey } from '../deps.ts';
import { followTopics, unfollowTopics } from '../filters-edit.ts';
import { notice, usageError } from '../replies.ts';
import { mayChange, notAllowed } from './permission.ts';

/** FiltersSchema allows this many topics in each list. */
const MAX_TOPICS = 50;

function tooMany(run: Run, name: 'subscribe' | 'unsubscribe'): Reply {
  return usageError(run.t, name, run.t('sub.tooManyTopics', { max: MAX_TOPICS }));
}

/**
 * `subscribe [topics...] [--policy <policy>] [--last n]`: creates or reactivates this chat's
 * subscription, adding topics (and setting its delivery policy), and sends the newest n.
 */
export async function subscribe(
  run: Run,
  topics: readonly string[],
  policy?: DeliveryPolicy,
  last?: number,
): Promise<Reply> {
  if (!(await mayChange(run))) return notAllowed('subscribe', run);
  const { named, unknown } = await canonicalTopics(run, topics);
  const existing = await run.deps.subscriptions.findByTarget(run.context.target);
  const filters = followTopics(existing?.filters ?? EMPTY_FILTERS, named);
  if (!FiltersSchema.safeParse(filters).success) return tooMany(run, 'subscribe');
  const sub = await run.deps.subscriptions.saveSubscription(
    {
      target: run.context.target,
      filters,
      mode: existing?.mode ?? { kind: 'instant' },
      ...(policy === undefined ? {} : { policy }),
      createdBy: userKey(run.context),
    },
    run.deps.clock.now(),
  );
  const note =
    unknown.length === 0 ? '' : `\n${run.t('sub.noStoryYet', { topics: list(unknown) })}`;
  const sent = await backfill(run, sub, last);
  return notice(`${describeSubscription(run.t, sub)}${note}${sent}\n${run.t('sub.stopHint')}`);
}

/** `unsubscribe [topics...]`: stops everything, or only these topics. */
export async function unsubscribe(run: Run, topics: readonly string[]): Promise<Reply> {
  if (!(await mayChange(run))) return notAllowed('unsubscribe', run);
  const sub = await run.deps.subscriptions.findByTarget(run.context.target);
  if (sub?.active !== true) return notice(run.t('sub.notSubscribed'));
  if (topics.length === 0) return stopAll(run, sub, run.t('sub.stopped'));
  const { named } = await canonicalTopics(run, topics);
  const { filters, notFollowed, emptied } = unfollowTopics(sub.filters, named);
  if (!FiltersSchema.safeParse(filters).success) return tooMany(run, 'unsubscribe');
  if (emptied) {
    return stopAll(run, sub, run.t('sub.emptied'));
  }
  const now = run.deps.clock.now();
  const updated = await run.deps.subscriptions.updateSubscription(sub.id, { filters }, now);
  const note =
    notFollowed.length === 0 ? '' : `\n${run.t('sub.notFollowed', { topics: list(notFollowed) })}`;
  return notice(`${describeSubscription(run.t, updated)}${note}`);
}

/** Default number of stories a new subscriber gets at once (SUBSCRIBE_BACKFILL). */
export const DEFAULT_BACKFILL = 3;

/** Queues the newest matching stories the chat was not sent yet; a line saying so, or ''. */
async function backfill(run: Run, sub: Subscription, last: number | undefined): Promise<string> {
  const count = last ?? run.deps.backfillDefault ?? DEFAULT_BACKFILL;
  if (run.deps.backfill === undefined || count === 0) return '';
  const queued = await run.deps.backfill(sub, count);
  if (queued === 0) return '';
  return `\n${queued === 1 ? run.t('sub.backfillOne') : run.t('sub.backfillMany', { count: queued })}`;
}

async function stopAll(run: Run, sub: Subscription, text: string): Promise<Reply> {
  await run.deps.subscriptions.deactivateSubscription(sub.id, 'unsubscribed', run.deps.clock.now());
  return notice(run.t('sub.again', { text }));
}

/** Topics in the spelling stories use; the ones no story carries yet are kept as typed. */
async function canonicalTopics(run: Run, topics: readonly string[]) {
  const counts = await run.deps.stories.topicCounts();
  const known = new Map(counts.map((c) => [c.topic.toLowerCase(), c.topic]));
  const named = topics.map((t) => known.get(t.toLowerCase()) ?? t);
  const unknown = topics.filter((t) => !known.has(t.toLowerCase()));
  return { named, unknown };
}

function list(topics: readonly string[]): string {
  return topics.map((t) => `“${t}”`).join(', ');
}
