import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Platform, SendOutcome } from '../domain/platform.ts';
import { REPLY_LIMITS } from '../domain/reply.ts';
import type { PlatformName, Subscription } from '../domain/subscription.ts';
import { createAckRecorder } from './ack-recorder.ts';
import { batchContent, ids, jobContent, type DeliveryJob } from './delivery-job.ts';
import { createJobSource, type JobSource } from './job-source.ts';
import { emptyTally, type DispatchTally } from './record-outcome.ts';
import { cachedStories } from './story-cache.ts';
import { planEventRow, type Outgoing } from './event-rows.ts';
import { createSendClock } from './send-clock.ts';
import { sendAndRecord, type DispatcherDeps, type Run } from './dispatch-run.ts';

export type { DispatchTally } from './record-outcome.ts';
export type { DispatcherDeps, SendEvent } from './dispatch-run.ts';

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
  const language = languageOf(run, subscription);
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
  const language = languageOf(run, subscription);
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

/** The language of the chat's posts: its own choice, else the operator's default. */
function languageOf(run: Run, subscription: Subscription): string | undefined {
  return subscription.preferences?.language ?? run.deps.defaultLanguage;
}
