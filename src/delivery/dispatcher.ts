import { randomUUID } from 'node:crypto';
import type { Clock } from '../domain/clock.ts';
import type { Log } from '../domain/log.ts';
import type { Platform, SendOutcome } from '../domain/platform.ts';
import { REPLY_LIMITS, type Reply } from '../domain/reply.ts';
import type { PlatformName, Subscription } from '../domain/subscription.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import type { StoryStore } from '../store/story-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import type { DeliveryConfig } from './delivery-config.ts';
import { ids, jobContent, type DeliveryJob } from './delivery-job.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { emptyTally, recordOutcome, type DispatchTally } from './record-outcome.ts';
import { DeliveryAbortedError } from './sleep.ts';

export type { DispatchTally } from './record-outcome.ts';

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
  >;
  /** This process's lease owner id (default: a random one). */
  owner?: string;
  random?: () => number;
  onSend?: (event: SendEvent) => void;
}

export interface Dispatcher {
  /** Sends every due row (claim, limit, send, record) until none is left; never overlaps. */
  runOnce(): Promise<DispatchTally>;
  /** Stops claiming; lets claimed rows finish (waits included). */
  drain(): Promise<void>;
  /** Stops claiming; finishes sends already on the wire, releases rows still waiting. */
  stop(): Promise<void>;
}

/** WhatsApp's pace leaves nothing to overlap: one send at a time. */
const IN_FLIGHT_CAP: Partial<Record<PlatformName, number>> = { whatsapp: 1 };

interface Run {
  deps: DispatcherDeps;
  owner: () => string;
  stopping: () => boolean;
  signal: AbortSignal;
  random: () => number;
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const base = deps.owner ?? `dispatcher-${randomUUID()}`;
  let claims = 0;
  let stopping = false;
  let current: Promise<DispatchTally> | undefined;
  const abort = new AbortController();
  const run: Run = {
    deps,
    owner: () => `${base}#${(claims += 1)}`,
    stopping: () => stopping,
    signal: abort.signal,
    random: deps.random ?? Math.random,
  };
  const settle = async () => {
    await current?.catch(() => undefined);
  };
  return {
    runOnce: () => {
      if (stopping) return Promise.resolve(emptyTally());
      current ??= runAll(run).finally(() => (current = undefined));
      return current;
    },
    drain: async () => {
      stopping = true;
      await settle();
    },
    stop: async () => {
      stopping = true;
      abort.abort();
      await settle();
    },
  };
}

async function runAll(run: Run): Promise<DispatchTally> {
  const tally = emptyTally();
  const workers: Promise<void>[] = [];
  for (const [name, platform] of run.deps.platforms) {
    const count = Math.min(run.deps.config.maxInFlight, IN_FLIGHT_CAP[name] ?? Infinity);
    for (let i = 0; i < Math.max(1, count); i += 1) workers.push(worker(run, platform, tally));
  }
  await Promise.all(workers);
  return tally;
}

/** Claims one chat's head (or digest batch) at a time until nothing is due. */
async function worker(run: Run, platform: Platform, tally: DispatchTally): Promise<void> {
  const { outbox, clock, config } = run.deps;
  while (!run.stopping()) {
    const owner = run.owner();
    const rows = await outbox.claimDue({
      owner,
      now: clock.now(),
      leaseMs: config.leaseMs,
      limit: 1,
      platform: platform.name,
      digestBatch: REPLY_LIMITS.cards,
    });
    const [head] = rows;
    if (head === undefined) return;
    const job = { owner, subscriptionId: head.subscriptionId, rows };
    await deliverSafely(run, platform, job, tally);
  }
}

async function deliverSafely(run: Run, platform: Platform, job: DeliveryJob, tally: DispatchTally) {
  try {
    await deliver(run, platform, job, tally);
  } catch (err) {
    // The rows stay leased; they are claimed again when the lease runs out.
    const fields = { platform: platform.name, rowIds: ids(job.rows), err };
    run.deps.log.error(fields, 'delivery failed to record; retried after the lease');
  }
}

async function deliver(run: Run, platform: Platform, job: DeliveryJob, tally: DispatchTally) {
  const { outbox, subscriptions, clock } = run.deps;
  const subscription = await subscriptions.getSubscription(job.subscriptionId);
  if (subscription?.active !== true) {
    const reason = subscription?.inactiveReason ?? 'subscription removed';
    const error = { error: `inactive: ${reason}`, kind: 'inactive' as const, countAttempt: false };
    tally.dead += await outbox.markDead(ids(job.rows), job.owner, error, clock.now());
    return;
  }
  const content = await jobContent(run.deps.stories, job);
  if (content.missing.length > 0) {
    const error = { error: 'missing: story no longer stored', kind: 'missing' as const };
    tally.dead += await outbox.markDead(ids(content.missing), job.owner, error, clock.now());
  }
  if (content.reply === undefined) return;
  const sendable = { ...job, rows: content.rows };
  if (!(await admitted(run, platform.name, subscription, sendable))) return;
  const outcome = await timedSend(run, platform, subscription, content.reply, sendable.rows.length);
  await recordOutcome(
    { ...run.deps, random: run.random },
    { platform: platform.name, subscription, job: sendable },
    outcome,
    tally,
  );
}

/** Waits for the rate limiter; gives the rows back when it would wait past a safe share of the lease. */
async function admitted(
  run: Run,
  platform: PlatformName,
  subscription: Subscription,
  job: DeliveryJob,
): Promise<boolean> {
  const { limiter, outbox, clock, config } = run.deps;
  try {
    const permit = await limiter.acquire(platform, subscription.target, {
      signal: run.signal,
      maxWaitMs: config.leaseMs / 4,
    });
    if (permit.ok) return true;
    await outbox.release(ids(job.rows), job.owner, clock.now(), permit.retryAt);
    return false;
  } catch (err) {
    if (!(err instanceof DeliveryAbortedError)) throw err;
    await outbox.release(ids(job.rows), job.owner, clock.now());
    return false;
  }
}

async function timedSend(
  run: Run,
  platform: Platform,
  subscription: Subscription,
  reply: Reply,
  rows: number,
): Promise<SendOutcome> {
  const started = run.deps.clock.now().getTime();
  const outcome = await safeSend(platform, subscription, reply);
  const latencyMs = run.deps.clock.now().getTime() - started;
  run.deps.onSend?.({ platform: platform.name, outcome: outcome.kind, rows, latencyMs });
  return outcome;
}

/** The port promises never to throw; an adapter that does anyway counts as transient. */
async function safeSend(
  platform: Platform,
  subscription: Subscription,
  reply: Reply,
): Promise<SendOutcome> {
  try {
    return await platform.send(subscription.target, reply);
  } catch (err) {
    return { kind: 'transient', reason: `adapter threw: ${String(err)}` };
  }
}
