import { CONSOLE_TARGET } from '../domain/console-target.ts';
import type { Clock } from '../domain/clock.ts';
import type { CommandHandler, Platform, PlatformState } from '../domain/platform.ts';
import { EMPTY_FILTERS } from '../domain/subscription.ts';
import type { Dispatcher, DispatchTally } from '../delivery/dispatcher.ts';
import type { OpenedStore } from '../store/open-store.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import type { Config } from './config.ts';
import {
  assessHealth,
  createHttpServer,
  type HealthReport,
  type HttpServerOptions,
} from './http-server.ts';
import type { Log } from '../domain/log.ts';
import type { IngestCounts, Metrics } from './metrics.ts';
import { createScheduler, type JobSpec, type Scheduler } from './scheduler.ts';
import type { IndexBuild } from './text-engine.ts';

/** Everything the composition root built, before anything runs. */
export interface AppParts {
  config: Config;
  log: Log;
  clock: Clock;
  store: OpenedStore;
  /** This process in the store's registry (left at stop, before the store closes). */
  claim: { stop(): Promise<void> };
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  platforms: readonly Platform[];
  commands: CommandHandler;
  dispatcher: Dispatcher;
  metrics: Metrics;
  /** The operator's web panel, served under /panel (when PANEL_TOKEN is set). */
  panel?: HttpServerOptions['panel'];
  /** The text engine, when it holds something to stop (its text thread). */
  engine?: { close?(): Promise<void> };
  /** The text index's build at start, when it goes on beside the rest (text-engine.ts). */
  index?: Pick<IndexBuild, 'complete' | 'progress' | 'stop'>;
  runs: {
    ingest(): Promise<IngestCounts>;
    feeds(): Promise<IngestCounts>;
    dispatch(): Promise<DispatchTally>;
  };
}

/** What `herald start --once` did. */
export interface OnceReport {
  ingest: IngestCounts;
  feeds: IngestCounts;
  dispatch: DispatchTally;
}

export interface App {
  /** HTTP endpoint, a first ingest, the platforms, a first dispatch, then the cron jobs. */
  start(): Promise<void>;
  /** One ingest and one dispatch pass, until the outbox holds nothing due; then `stop()`. */
  runOnce(): Promise<OnceReport>;
  /** Stops taking work, drains or releases sends, stops platforms, closes HTTP and store. */
  stop(): Promise<void>;
  /** The HTTP endpoint's address once started. */
  address(): { host: string; port: number } | undefined;
}

type Phase = 'starting' | 'running' | 'stopping';

/** Starts and stops the parts in order; builds the scheduler and the HTTP endpoint. */
export function createAppLifecycle(parts: AppParts): App {
  let phase: Phase = 'starting';
  let address: { host: string; port: number } | undefined;
  let stopping: Promise<void> | undefined;
  const scheduler = buildScheduler(parts, () => phase === 'running');
  const http = createHttpServer({
    host: parts.config.http.host,
    port: parts.config.http.port,
    health: () => health(parts, phase),
    metrics: () => parts.metrics.render(),
    ...(parts.panel === undefined ? {} : { panel: parts.panel }),
    log: parts.log.child({ part: 'http' }),
  });
  const isStopping = () => stopping !== undefined;
  const stop = () => (stopping ??= stopAll(parts, scheduler, http, (p) => (phase = p)));

  return {
    async start() {
      address = await http.start();
      await subscribeConsole(parts);
      await subscribeStandingTargets(parts);
      // A store still being indexed: the first ingest waits for the index in the background
      // while the platforms start and commands answer (issue 23 point 1).
      if (parts.index?.complete() === false) void scheduler.runNow('ingest');
      else await scheduler.runNow('ingest');
      // A signal during the first ingest: the shutdown owns the parts from here.
      if (isStopping()) return;
      await startPlatforms(parts);
      await logWaiting(parts);
      await scheduler.runNow('dispatch');
      if (isStopping()) return;
      phase = 'running';
      scheduler.start();
      void scheduler.runNow('feeds');
      parts.log.info({ jobs: ['ingest', 'feeds', 'dispatch'] }, 'herald running');
    },
    async runOnce() {
      try {
        await subscribeConsole(parts);
        await subscribeStandingTargets(parts);
        const ingest = await parts.runs.ingest();
        // Platforms first, as `start()` does: a feed's alert to the operators can go out.
        await startPlatforms(parts);
        const feeds = await parts.runs.feeds();
        await logWaiting(parts);
        const dispatch = await parts.runs.dispatch();
        return { ingest, feeds, dispatch };
      } finally {
        await stop();
      }
    },
    stop,
    address: () => address,
  };
}

/**
 * ingest, feeds and dispatch on their cron expressions. Once running, a new story kicks a
 * dispatch at once (before that, the platforms may not be started yet).
 */
function buildScheduler(parts: AppParts, running: () => boolean): Scheduler {
  const { config, runs } = parts;
  const kickDispatch = (counts: IngestCounts) => {
    if (counts.added > 0 && running()) void scheduler.runNow('dispatch');
  };
  const job = (name: keyof AppParts['runs'], key: string, expression: string): JobSpec => ({
    name,
    key,
    expression,
    run: async () => {
      const result = await runs[name]();
      if ('added' in result) kickDispatch(result);
    },
  });
  const scheduler: Scheduler = createScheduler({
    jobs: [
      job('ingest', 'INGEST_SCHEDULE', config.schedule.ingest),
      job('feeds', 'FEEDS_SCHEDULE', config.feeds.schedule),
      job('dispatch', 'DISPATCH_SCHEDULE', config.schedule.dispatch),
    ],
    timezone: config.schedule.timezone,
    clock: parts.clock,
    log: parts.log.child({ part: 'scheduler' }),
  });
  return scheduler;
}

/** Says how many deliveries wait in the outbox, and for how many chats, before any is sent. */
async function logWaiting(parts: AppParts): Promise<void> {
  const { deliveries, chats } = await parts.outbox.waiting();
  parts.log.info({ deliveries, chats }, `${deliveries} deliveries pending for ${chats} chats`);
}

/** Starts every platform; one that fails is logged (health shows it), all failing is fatal. */
async function startPlatforms(parts: AppParts): Promise<void> {
  const results = await Promise.allSettled(parts.platforms.map((p) => p.start(parts.commands)));
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') return;
    const platform = parts.platforms[i]?.name;
    parts.log.error({ platform, err: result.reason as unknown }, 'platform failed to start');
  });
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0 && failed.length === results.length) {
    throw new Error('no platform could start (see the log lines above)', {
      cause: (failed[0] as PromiseRejectedResult).reason,
    });
  }
}

/**
 * With the console as the only platform, its chat is subscribed (once), so a newcomer sees the
 * broadcasts. A console unsubscribed by hand stays unsubscribed.
 */
async function subscribeConsole(parts: AppParts): Promise<void> {
  const onlyConsole =
    parts.platforms.length > 0 && parts.platforms.every((p) => p.name === 'console');
  if (!onlyConsole) return;
  const existing = await parts.subscriptions.findByTarget(CONSOLE_TARGET);
  if (existing !== undefined) {
    if (!existing.active) parts.log.info({}, 'the console is unsubscribed: type subscribe');
    return;
  }
  const input = {
    target: CONSOLE_TARGET,
    filters: EMPTY_FILTERS,
    mode: { kind: 'instant' as const },
    createdBy: 'operator',
  };
  await parts.subscriptions.saveSubscription(input, parts.clock.now());
  parts.log.info({}, 'console subscribed to every story');
}

/** Subscribes each platform's standing targets (a configured channel) to every story. */
async function subscribeStandingTargets(parts: AppParts): Promise<void> {
  for (const platform of parts.platforms) {
    for (const target of platform.standingTargets?.() ?? []) {
      const existing = await parts.subscriptions.findByTarget(target);
      if (existing?.active === true) continue;
      const fields = { platform: platform.name, chatId: target.chatId };
      if (existing !== undefined) {
        parts.log.warn({ ...fields, was: existing.inactiveReason }, 'channel subscribed again');
      }
      const mode = { kind: 'instant' as const };
      const input = { target, filters: EMPTY_FILTERS, mode, createdBy: 'operator' };
      await parts.subscriptions.saveSubscription(input, parts.clock.now());
      parts.log.info(fields, 'channel subscribed to every story');
    }
  }
}

async function health(parts: AppParts, phase: Phase): Promise<HealthReport> {
  const platforms: Record<string, PlatformState> = {};
  for (const p of parts.platforms) platforms[p.name] = p.state();
  const report = assessHealth(await storeAnswers(parts), platforms, phase);
  return parts.index === undefined ? report : { ...report, index: parts.index.progress() };
}

async function storeAnswers(parts: AppParts): Promise<boolean> {
  try {
    await parts.store.stories.countStories();
    return true;
  } catch {
    return false;
  }
}

async function stopAll(
  parts: AppParts,
  scheduler: Scheduler,
  http: { stop(): Promise<void> },
  setPhase: (phase: Phase) => void,
): Promise<void> {
  setPhase('stopping');
  parts.index?.stop();
  const grace = parts.config.shutdownGraceMs;
  const deadline = parts.clock.now().getTime() + grace;
  const left = () => Math.max(0, deadline - parts.clock.now().getTime());
  await scheduler.stop();
  if (!(await within(parts.dispatcher.drain(), grace))) {
    parts.log.warn({ graceMs: grace }, 'grace period over: releasing the rows still waiting');
    await parts.dispatcher.stop();
  }
  if (!(await within(scheduler.idle(), left()))) {
    parts.log.warn({ busy: scheduler.busy() }, 'jobs still running at shutdown');
  }
  await stopPlatforms(parts);
  await http.stop();
  await parts.claim.stop().catch((err: unknown) => {
    parts.log.warn({ err }, 'could not leave the process registry');
  });
  await parts.store.close();
  await parts.engine?.close?.();
}

async function stopPlatforms(parts: AppParts): Promise<void> {
  for (const platform of parts.platforms) {
    try {
      await platform.stop();
    } catch (err) {
      parts.log.error({ platform: platform.name, err }, 'platform failed to stop');
    }
  }
}

/** True when `work` settled within `ms`. */
async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      resolve(false);
    }, ms);
  });
  const done = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([done, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
