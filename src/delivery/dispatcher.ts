import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Clock } from '../domain/clock.ts';
import type { Log } from '../domain/log.ts';
import type { Platform, SendOutcome } from '../domain/platform.ts';
import { REPLY_LIMITS } from '../domain/reply.ts';
import type { PostFormatStore } from '../store/post-format-store.ts';
import { sendWithFallback } from './post-format.ts';
import type { PlatformName, Subscription } from '../domain/subscription.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import type { StoryStore } from '../store/story-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import { withDeadline } from './deadline.ts';
import { DEFAULT_DELIVERY_CONFIG, type DeliveryConfig } from './delivery-config.ts';
import { createAckRecorder, type AckRecorder } from './ack-recorder.ts';
import { batchContent, ids, jobContent, type DeliveryJob } from './delivery-job.ts';
import { createJobSource, type JobSource } from './job-source.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { emptyTally, recordOutcome, type DispatchTally } from './record-outcome.ts';
import { DeliveryAbortedError } from './sleep.ts';
import { cachedStories } from './story-cache.ts';
import type { DevelopmentCheck, EventReader } from './event-delivery.ts';
import { planEventRow, type Outgoing } from './event-rows.ts';
import { withChatPreferences } from './chat-posts.ts';
import { createSendClock, type SendClock } from './send-clock.ts';

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
  acks: AckRecorder;
  stories: Pick<StoryStore, 'getStory'>;
  sendClock: SendClock;
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const base = deps.owner ?? `dispatcher-${randomUUID()}`;
  let claims = 0;
  let stopping = false;
  let current: Promise<DispatchTally> | undefined;
  const abort = new AbortController();
  // Every sender waits on this one signal: up to DELIVERY_MAX_IN_FLIGHT waits at once.
  setMaxListeners(0, abort.signal);
  const run: Run = {
    deps,
    owner: () => `${base}#${(claims += 1)}`,
    stopping: () => stopping,
    signal: abort.signal,
    random: deps.random ?? Math.random,
    acks: createAckRecorder(deps.outbox),
    stories: cachedStories(deps.stories, deps.clock),
    sendClock: createSendClock(deps.limiter),
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
  const sources: JobSource[] = [];
  const workers: Promise<void>[] = [];
  for (const [name, platform] of run.deps.platforms) {
    const count = Math.max(
      1,
      Math.min(run.deps.config.maxInFlight, IN_FLIGHT_CAP[name] ?? Infinity),
    );
    const source = jobSource(run, name, count);
    sources.push(source);
    for (let i = 0; i < count; i += 1) workers.push(worker(run, platform, source, tally));
  }
  await Promise.all(workers);
  await Promise.all(sources.map((s) => s.releaseQueued()));
  return tally;
}

function jobSource(run: Run, platform: PlatformName, batch: number): JobSource {
  const { outbox, clock, config } = run.deps;
  const { leaseMs } = config;
  const digestBatch = REPLY_LIMITS.cards;
  return createJobSource({
    outbox,
    clock,
    platform,
    leaseMs,
    digestBatch,
    postBatch: REPLY_LIMITS.cards,
    batch,
    owner: run.owner,
  });
}

/**
 * Takes one chat's head (or digest batch) at a time from the shared claim until none is due.
 * A stopped platform (not running, or logged out until an operator acts) gets no claim, and
 * one that answers `unavailable` no more: its rows wait with their attempts untouched.
 */
async function worker(
  run: Run,
  platform: Platform,
  source: JobSource,
  tally: DispatchTally,
): Promise<void> {
  for (;;) {
    if (platform.state() === 'stopped') return;
    const job = await source.next(!run.stopping());
    if (job === undefined) return;
    if (run.signal.aborted) {
      // stop(): a job claimed but not started goes back; drain() lets it finish.
      await run.deps.outbox.release(ids(job.rows), job.owner, run.deps.clock.now());
      continue;
    }
    if ((await deliverSafely(run, platform, job, tally)) === 'unavailable') return;
  }
}

async function deliverSafely(
  run: Run,
  platform: Platform,
  job: DeliveryJob,
  tally: DispatchTally,
): Promise<SendOutcome['kind'] | undefined> {
  try {
    return await deliver(run, platform, job, tally);
  } catch (err) {
    // The rows stay leased; they are claimed again when the lease runs out.
    const fields = { platform: platform.name, rowIds: ids(job.rows), err };
    run.deps.log.error(fields, 'delivery failed to record; retried after the lease');
    return undefined;
  }
}

/** Sends one job and records it; the outcome's kind, or undefined when nothing was sent. */
async function deliver(
  run: Run,
  platform: Platform,
  job: DeliveryJob,
  tally: DispatchTally,
): Promise<SendOutcome['kind'] | undefined> {
  const { outbox, subscriptions, clock } = run.deps;
  const subscription = await subscriptions.getSubscription(job.subscriptionId);
  if (subscription?.active !== true) {
    const reason = subscription?.inactiveReason ?? 'subscription removed';
    const error = { error: `inactive: ${reason}`, kind: 'inactive' as const, countAttempt: false };
    tally.dead += await outbox.markDead(ids(job.rows), job.owner, error, clock.now());
    return undefined;
  }
  const [head] = job.rows;
  if (head !== undefined && head.kind !== 'post')
    return deliverEventRow(run, platform, subscription, { ...job, rows: [head] }, tally);
  if (job.rows.length > 1 && head?.digestAt === undefined)
    return deliverBatch(run, platform, subscription, job, tally);
  const content = await jobContent(run.stories, job, run.deps.events);
  if (content.missing.length > 0) {
    const error = { error: 'missing: story no longer stored', kind: 'missing' as const };
    tally.dead += await outbox.markDead(ids(content.missing), job.owner, error, clock.now());
  }
  if (content.reply === undefined) return undefined;
  const outgoing: Outgoing = {
    reply: content.reply,
    send: (p, target, reply) => p.send(target, reply),
    finish: (reply) => reply,
  };
  return sendAndRecord(
    run,
    platform,
    subscription,
    { ...job, rows: content.rows },
    outgoing,
    tally,
  );
}

/**
 * Instant posts that waited for the chat together (ADR 0029): one message, or several when
 * they do not fit in one (or the subscription's `batch off`), each recorded on its own ack.
 * When one is not sent, the rows of the ones after it go back, due behind it in the chat.
 */
async function deliverBatch(
  run: Run,
  platform: Platform,
  subscription: Subscription,
  job: DeliveryJob,
  tally: DispatchTally,
): Promise<SendOutcome['kind'] | undefined> {
  const { outbox, clock } = run.deps;
  const language = subscription.preferences?.language ?? run.deps.defaultLanguage;
  const together = subscription.preferences?.batch !== false;
  const { parts, missing } = await batchContent(run.stories, job.rows, together, language);
  if (missing.length > 0) {
    const error = { error: 'missing: story no longer stored', kind: 'missing' as const };
    tally.dead += await outbox.markDead(ids(missing), job.owner, error, clock.now());
  }
  let outcome: SendOutcome['kind'] | undefined;
  for (const [index, part] of parts.entries()) {
    if (index > 0 && (outcome !== 'sent' || run.signal.aborted)) {
      const rest = parts.slice(index).flatMap((p) => p.rows);
      await outbox.release(ids(rest), job.owner, clock.now());
      break;
    }
    const outgoing: Outgoing = {
      reply: part.reply,
      send: (p, target, reply) => p.send(target, reply),
      finish: (reply) => reply,
    };
    const sendable = { ...job, rows: part.rows };
    outcome = await sendAndRecord(run, platform, subscription, sendable, outgoing, tally);
  }
  return outcome;
}

/** An edit or a follow-up: sent once its post is, dead-lettered when it never can be. */
async function deliverEventRow(
  run: Run,
  platform: Platform,
  subscription: Subscription,
  job: DeliveryJob,
  tally: DispatchTally,
): Promise<SendOutcome['kind'] | undefined> {
  const { outbox, clock, log } = run.deps;
  const rowIds = ids(job.rows);
  const deps = { outbox, stories: run.stories, clock, ...eventsOf(run) };
  const language = subscription.preferences?.language ?? run.deps.defaultLanguage;
  const row = job.rows[0] as DeliveryJob['rows'][number];
  const plan = await planEventRow(deps, platform, row, language);
  switch (plan.kind) {
    case 'wait':
      tally.retried += await outbox.release(rowIds, job.owner, clock.now(), plan.until);
      return undefined;
    case 'dead': {
      const error = { error: `${plan.errorKind}: ${plan.reason}`, kind: plan.errorKind };
      tally.dead += await outbox.markDead(
        rowIds,
        job.owner,
        { ...error, countAttempt: false },
        clock.now(),
      );
      log.warn({ rowIds, subscriptionId: subscription.id, reason: plan.reason }, 'event row dead');
      return undefined;
    }
    case 'done':
      tally.sent += await outbox.markSent(rowIds, job.owner, plan.messageId, clock.now());
      return 'sent';
    case 'send':
      return sendAndRecord(run, platform, subscription, job, plan.outgoing, tally);
  }
}

const eventsOf = (run: Run) => ({
  ...(run.deps.events === undefined ? {} : { events: run.deps.events }),
  ...(run.deps.development === undefined ? {} : { development: run.deps.development }),
});

/** Waits for the rate limiter, sends (in the subscription's format), records what came of it. */
async function sendAndRecord(
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
