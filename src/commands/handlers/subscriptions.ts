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

function tooMany(name: 'subscribe' | 'unsubscribe'): Reply {
  return usageError(name, `A chat can follow, or leave out, at most ${MAX_TOPICS} topics.`);
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
  if (!FiltersSchema.safeParse(filters).success) return tooMany('subscribe');
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
  const note = unknown.length === 0 ? '' : `\nNo story has ${list(unknown)} yet; they will come.`;
  const sent = await backfill(run, sub, last);
  return notice(`${describeSubscription(sub)}${note}${sent}\nSend unsubscribe to stop.`);
}

/** `unsubscribe [topics...]`: stops everything, or only these topics. */
export async function unsubscribe(run: Run, topics: readonly string[]): Promise<Reply> {
  if (!(await mayChange(run))) return notAllowed('unsubscribe', run);
  const sub = await run.deps.subscriptions.findByTarget(run.context.target);
  if (sub?.active !== true) return notice('This chat is not subscribed.');
  if (topics.length === 0) return stopAll(run, sub, 'Unsubscribed: no more stories here.');
  const { named } = await canonicalTopics(run, topics);
  const { filters, notFollowed, emptied } = unfollowTopics(sub.filters, named);
  if (!FiltersSchema.safeParse(filters).success) return tooMany('unsubscribe');
  if (emptied) {
    return stopAll(run, sub, 'That was all this chat followed, so it is now unsubscribed.');
  }
  const now = run.deps.clock.now();
  const updated = await run.deps.subscriptions.updateSubscription(sub.id, { filters }, now);
  const note = notFollowed.length === 0 ? '' : `\nThis chat did not follow ${list(notFollowed)}.`;
  return notice(`${describeSubscription(updated)}${note}`);
}

/** Default number of stories a new subscriber gets at once (SUBSCRIBE_BACKFILL). */
export const DEFAULT_BACKFILL = 3;

/** Queues the newest matching stories the chat was not sent yet; a line saying so, or ''. */
async function backfill(run: Run, sub: Subscription, last: number | undefined): Promise<string> {
  const count = last ?? run.deps.backfillDefault ?? DEFAULT_BACKFILL;
  if (run.deps.backfill === undefined || count === 0) return '';
  const queued = await run.deps.backfill(sub, count);
  if (queued === 0) return '';
  return queued === 1
    ? '\nThe newest story that matches is on its way.'
    : `\nThe newest ${queued} stories that match are on their way.`;
}

async function stopAll(run: Run, sub: Subscription, text: string): Promise<Reply> {
  await run.deps.subscriptions.deactivateSubscription(sub.id, 'unsubscribed', run.deps.clock.now());
  return notice(`${text} Send subscribe to start again.`);
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
