import type { Clock } from '../domain/clock.ts';
import type { Log } from '../domain/log.ts';
import type { SendOutcome } from '../domain/platform.ts';
import type { PlatformName, Subscription } from '../domain/subscription.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import type { AckRecorder } from './ack-recorder.ts';
import { backoffDelay } from './backoff.ts';
import type { DeliveryConfig } from './delivery-config.ts';
import { ids, type DeliveryJob } from './delivery-job.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** Rows per outcome in one dispatch run. `dead`: attempts used up, or nothing left to send. */
export interface DispatchTally {
  sent: number;
  /**
   * Due again without an attempt counted: a 429's wait, a chat that moved to a new id, a
   * platform unavailable (logged out).
   */
  retried: number;
  failed: number;
  rejected: number;
  invalid: number;
  dead: number;
}

export const emptyTally = (): DispatchTally => ({
  sent: 0,
  retried: 0,
  failed: 0,
  rejected: 0,
  invalid: 0,
  dead: 0,
});

export interface RecordDeps {
  outbox: OutboxStore;
  subscriptions: SubscriptionStore;
  limiter: RateLimiter;
  clock: Clock;
  log: Log;
  config: Pick<DeliveryConfig, 'maxAttempts' | 'backoffBaseMs' | 'backoffMaxMs'>;
  random: () => number;
  /** Group commit of acks (default: one markSent per ack). */
  acks?: AckRecorder;
}

export interface Sent {
  platform: PlatformName;
  subscription: Subscription;
  job: DeliveryJob;
}

/** Writes what the platform said: sent, wait, back off, deactivate, or give up on the rows. */
export async function recordOutcome(
  deps: RecordDeps,
  s: Sent,
  outcome: SendOutcome,
  tally: DispatchTally,
): Promise<void> {
  const rowIds = ids(s.job.rows);
  const now = deps.clock.now();
  const fields = { platform: s.platform, subscriptionId: s.subscription.id, rowIds };
  switch (outcome.kind) {
    case 'sent': {
      const mark = { ids: rowIds, owner: s.job.owner, messageId: outcome.messageId };
      const n = await (deps.acks?.markSent(mark, now) ??
        deps.outbox.markSent(rowIds, mark.owner, mark.messageId, now));
      tally.sent += n;
      if (n < rowIds.length) deps.log.warn({ ...fields, recorded: n }, 'delivery lease lost');
      return;
    }
    case 'retry':
      deps.limiter.pause(s.platform, outcome.afterMs);
      tally.retried += await deps.outbox.reschedule(
        rowIds,
        s.job.owner,
        { ...failure('retry', outcome.reason, now, outcome.afterMs), countAttempt: false },
        now,
      );
      deps.log.info({ ...fields, afterMs: outcome.afterMs }, 'platform asked to wait');
      return;
    case 'transient':
      return recordTransient(deps, s, outcome.reason, tally);
    case 'unavailable':
      tally.retried += await deps.outbox.reschedule(
        rowIds,
        s.job.owner,
        { ...failure('unavailable', outcome.reason, now, 0), countAttempt: false },
        now,
      );
      deps.log.warn({ ...fields, reason: outcome.reason }, 'platform unavailable: rows wait');
      return;
    case 'moved':
      return recordMove(deps, s, outcome, tally);
    case 'rejected':
      await deps.subscriptions.deactivateSubscription(s.subscription.id, outcome.reason, now);
      tally.rejected += await markDead(deps, s, 'rejected', outcome.reason);
      deps.log.warn({ ...fields, reason: outcome.reason }, 'delivery rejected: unsubscribed');
      return;
    case 'invalid':
      tally.invalid += await markDead(deps, s, 'invalid', outcome.reason);
      deps.log.warn({ ...fields, reason: outcome.reason }, 'delivery invalid: not retried');
      return;
  }
}

/**
 * The chat lives on under a new id: the subscription follows it, and its rows are due again at
 * once (no attempt counted), to go there. When the new chat has a subscription of its own, that
 * one takes the stories: this one is deactivated, so nothing goes twice.
 */
async function recordMove(
  deps: RecordDeps,
  s: Sent,
  outcome: Extract<SendOutcome, { kind: 'moved' }>,
  tally: DispatchTally,
): Promise<void> {
  const now = deps.clock.now();
  const id = s.subscription.id;
  const fields = { platform: s.platform, subscriptionId: id, to: outcome.chatId };
  if (await deps.subscriptions.moveSubscription(id, { chatId: outcome.chatId }, now)) {
    tally.retried += await deps.outbox.release(ids(s.job.rows), s.job.owner, now);
    deps.log.info({ ...fields, reason: outcome.reason }, 'subscription followed its chat');
    return;
  }
  const reason = `${outcome.reason}; chat ${outcome.chatId} has its own subscription`;
  await deps.subscriptions.deactivateSubscription(id, reason, now);
  tally.rejected += await markDead(deps, s, 'rejected', reason);
  deps.log.warn({ ...fields, reason }, 'delivery moved to a chat subscribed already');
}

async function recordTransient(
  deps: RecordDeps,
  s: Sent,
  reason: string,
  tally: DispatchTally,
): Promise<void> {
  const attempts = Math.max(...s.job.rows.map((r) => r.attempts)) + 1;
  if (attempts >= deps.config.maxAttempts) {
    tally.dead += await markDead(deps, s, 'exhausted', `${reason} (gave up after ${attempts})`);
    deps.log.warn({ subscriptionId: s.subscription.id, reason, attempts }, 'delivery dead');
    return;
  }
  const settings = { baseMs: deps.config.backoffBaseMs, maxMs: deps.config.backoffMaxMs };
  const waitMs = backoffDelay(attempts, settings, deps.random);
  const now = deps.clock.now();
  tally.failed += await deps.outbox.reschedule(
    ids(s.job.rows),
    s.job.owner,
    { ...failure('transient', reason, now, waitMs), countAttempt: true },
    now,
  );
}

function failure<K extends 'retry' | 'transient' | 'unavailable'>(
  kind: K,
  reason: string,
  now: Date,
  ms: number,
) {
  return { kind, error: reason, nextAttemptAt: new Date(now.getTime() + ms) };
}

function markDead(
  deps: RecordDeps,
  s: Sent,
  kind: 'rejected' | 'invalid' | 'exhausted',
  reason: string,
): Promise<number> {
  const error = { error: `${kind}: ${reason}`, kind };
  return deps.outbox.markDead(ids(s.job.rows), s.job.owner, error, deps.clock.now());
}
