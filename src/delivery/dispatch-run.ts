/**
 * What the dispatcher (dispatcher.ts) works with: its dependencies, one run's state, and the
 * path of one send: wait for the rate limiter, send in the subscription's format within the
 * deadline, record what came of it.
 */
import type { Clock } from '../domain/clock.ts';
import type { Log } from '../domain/log.ts';
import type { Platform, SendOutcome } from '../domain/platform.ts';
import type { PlatformName, Subscription } from '../domain/subscription.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import type { PostFormatStore } from '../store/post-format-store.ts';
import type { StoryStore } from '../store/story-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import type { AckRecorder } from './ack-recorder.ts';
import { withChatPreferences } from './chat-posts.ts';
import { withDeadline } from './deadline.ts';
import { DEFAULT_DELIVERY_CONFIG, type DeliveryConfig } from './delivery-config.ts';
import { ids, type DeliveryJob } from './delivery-job.ts';
import type { DevelopmentCheck, EventReader } from './event-delivery.ts';
import type { Outgoing } from './event-rows.ts';
import { sendWithFallback } from './post-format.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { recordOutcome, type DispatchTally } from './record-outcome.ts';
import type { SendClock } from './send-clock.ts';
import { DeliveryAbortedError } from './sleep.ts';

/** One send as it happened (for metrics): the platform, its outcome and how long it took. */
export interface SendEvent {
  platform: PlatformName;
  outcome: SendOutcome['kind'];
  rows: number;
  latencyMs: number;
}

export interface DispatcherDeps {
  outbox: OutboxStore;
  subscriptions: SubscriptionStore;
  stories: Pick<StoryStore, 'getStory'>;
  platforms: ReadonlyMap<PlatformName, Platform>;
  limiter: RateLimiter;
  clock: Clock;
  log: Log;
  config: Pick<
    DeliveryConfig,
    'maxAttempts' | 'backoffBaseMs' | 'backoffMaxMs' | 'leaseMs' | 'maxInFlight'
  > &
    Partial<Pick<DeliveryConfig, 'sendTimeoutMs'>>;
  /** This process's lease owner id (default: a random one). */
  owner?: string;
  random?: () => number;
  onSend?: (event: SendEvent) => void;
  /** The language of posts to a chat that chose none (HERALD_REPLY_LANGUAGE; default en). */
  defaultLanguage?: string;
  /** Each subscription's post format (none: every post is the default card). */
  postFormats?: Pick<PostFormatStore, 'getFormat'>;
  /** Each story's event: edits name its outlets, digests show each event once (ADR 0025). */
  events?: EventReader;
  /** Says what a follow-up adds (the text's `developmentOf`), in its heading. */
  development?: DevelopmentCheck;
}

/** One run of the dispatcher: its dependencies and what it keeps while it runs. */
export interface Run {
  deps: DispatcherDeps;
  owner: () => string;
  stopping: () => boolean;
  signal: AbortSignal;
  random: () => number;
  acks: AckRecorder;
  stories: Pick<StoryStore, 'getStory'>;
  sendClock: SendClock;
}

/** Waits for the rate limiter, sends (in the subscription's format), records what came of it. */
export async function sendAndRecord(
  run: Run,
  platform: Platform,
  subscription: Subscription,
  sendable: DeliveryJob,
  outgoing: Outgoing,
  tally: DispatchTally,
): Promise<SendOutcome['kind'] | undefined> {
  const grant = await admitted(run, platform.name, subscription, sendable);
  if (grant === undefined) return undefined;
  let left: number | undefined;
  const outcome = await sendWithFallback(
    run.deps,
    subscription.id,
    outgoing.reply,
    (r) => {
      // The windows count the send from when it leaves (the first try), not from its grant.
      if (left === undefined && grant.grantedAt !== undefined) {
        // The clock's milliseconds are whole: the send leaves before the next one begins.
        left = run.deps.clock.now().getTime() + 1;
        run.sendClock.departed(platform.name, subscription.target, grant.grantedAt, left);
      }
      return timedSend(run, platform, sendable.rows.length, () =>
        outgoing.send(
          platform,
          subscription.target,
          withChatPreferences(r, subscription.preferences, run.deps.defaultLanguage),
        ),
      );
    },
    (r) => outgoing.finish(r),
  );
  if (left !== undefined) {
    const at = run.deps.clock.now().getTime();
    run.sendClock.answered(platform.name, subscription.target, left, at);
  }
  await recordOutcome(
    { ...run.deps, random: run.random, acks: run.acks },
    { platform: platform.name, subscription, job: sendable },
    outcome,
    tally,
  );
  return outcome.kind;
}

/**
 * Waits for the rate limiter (the permit, or undefined); gives the rows back when it would
 * wait past a safe share of the lease.
 */
async function admitted(
  run: Run,
  platform: PlatformName,
  subscription: Subscription,
  job: DeliveryJob,
): Promise<{ grantedAt?: number } | undefined> {
  const { limiter, outbox, clock, config } = run.deps;
  try {
    const permit = await limiter.acquire(platform, subscription.target, {
      signal: run.signal,
      maxWaitMs: safeWaitMs(job, config.leaseMs, clock.now().getTime()),
    });
    if (permit.ok) return permit;
    await outbox.release(ids(job.rows), job.owner, clock.now(), permit.retryAt);
    return undefined;
  } catch (err) {
    if (!(err instanceof DeliveryAbortedError)) throw err;
    await outbox.release(ids(job.rows), job.owner, clock.now());
    return undefined;
  }
}

/** A quarter of the lease, less the time the job waited in the claim queue. */
function safeWaitMs(job: DeliveryJob, leaseMs: number, now: number): number {
  const until = job.rows[0]?.leaseUntil?.getTime();
  if (until === undefined) return leaseMs / 4;
  return Math.max(0, Math.min(leaseMs / 4, until - now - (leaseMs * 3) / 4));
}

async function timedSend(
  run: Run,
  platform: Platform,
  rows: number,
  call: () => Promise<SendOutcome>,
): Promise<SendOutcome> {
  const started = run.deps.clock.now().getTime();
  const outcome = await withDeadline(
    safeSend(call),
    run.deps.config.sendTimeoutMs ?? DEFAULT_DELIVERY_CONFIG.sendTimeoutMs,
  );
  const latencyMs = run.deps.clock.now().getTime() - started;
  run.deps.onSend?.({ platform: platform.name, outcome: outcome.kind, rows, latencyMs });
  return outcome;
}

/** The port promises never to throw; an adapter that does anyway counts as transient. */
async function safeSend(call: () => Promise<SendOutcome>): Promise<SendOutcome> {
  try {
    return await call();
  } catch (err) {
    return { kind: 'transient', reason: `adapter threw: ${String(err)}` };
  }
}
