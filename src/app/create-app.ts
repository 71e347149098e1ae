import { createCommandHandler } from '../commands/index.ts';
import { systemClock, type Clock } from '../domain/clock.ts';
import type { CommandHandler, Platform } from '../domain/platform.ts';
import type { PreviewRenderer } from '../domain/post-format.ts';
import { createDispatcher } from '../delivery/dispatcher.ts';
import { createFanOut } from '../delivery/fan-out.ts';
import { createBackfill } from '../delivery/backfill.ts';
import { developmentOf } from '../text/events/development.ts';
import { limitsFromConfig } from '../delivery/platform-limits.ts';
import { createFleetRateLimiter } from '../delivery/fleet-rate-limiter.ts';
import { realSleep } from '../delivery/sleep.ts';
import { createFeedsJob } from '../ingest/feeds/job.ts';
import { createIngestPipeline } from '../ingest/pipeline.ts';
import { asLeader } from '../store/job-leader.ts';
import { openStore, type OpenedStore } from '../store/open-store.ts';
import { withDiskAdvice } from '../store/sqlite/database.ts';
import { createFeedAlerts } from '../delivery/feed-alerts.ts';
import { operatorTargets } from '../delivery/operator-targets.ts';
import {
  dispatchUntilIdle,
  observeFeeds,
  successAges,
  guardedPolicy,
  ingestContent,
  createFeedIngest,
  type IngestJobDeps,
} from './app-jobs.ts';
import { createAppLifecycle, type App, type AppParts } from './app-lifecycle.ts';

export type { App, OnceReport } from './app-lifecycle.ts';
import type { Config } from './config.ts';
import type { Log } from '../domain/log.ts';
import { createMetrics } from './metrics.ts';
import { panelHandler } from './panel-wiring.ts';
import { claimProcess, type ProcessClaim } from './process-claim.ts';
import { progressCallback } from './progress.ts';
import type { Terminal } from '../domain/terminal.ts';
import { hasSpareCore, startEngineFromStore } from './text-engine.ts';

const NOTHING_INGESTED = { added: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: 0 };

/**
 * How long the start indexes the stored stories before the rest starts beside the build: a
 * store of a few thousand stories is indexed whole within it, as before.
 */
const INDEX_FOREGROUND_MS = 1_000;

export interface AppOptions {
  config: Config;
  log: Log;
  /** The adapters the entry point handed in (see adapters/index.ts). */
  platforms: readonly Platform[];
  clock?: Clock;
  /** Each platform's own renderer, for the panel's post-format preview. */
  previews?: PreviewRenderer;
  /** The terminal (herald start): progress lines for long work at start. */
  terminal?: Terminal;
}

/**
 * The one composition root: config -> store (migrated) -> text index -> ingest pipeline ->
 * delivery (fan-out, limiter, dispatcher) -> command handler -> platforms -> scheduler -> HTTP.
 * Opens the store and reads it into the text index; connects nothing else until `start()`.
 */
export async function createApp(options: AppOptions): Promise<App> {
  const store = await openStore(options.config.database);
  let claim: ProcessClaim | undefined;
  try {
    claim = await claimStore(options, store);
    return createAppLifecycle(await buildParts(options, store, claim));
  } catch (err) {
    await claim?.stop().catch(() => undefined);
    await store.close();
    throw err;
  }
}

/** Enters the process registry first: on SQLite a second bot is refused before any work. */
function claimStore(options: AppOptions, store: OpenedStore): Promise<ProcessClaim> {
  const { database } = options.config;
  return claimProcess({
    registry: store.processes,
    outbox: store.outbox,
    clock: options.clock ?? systemClock,
    log: options.log.child({ part: 'processes' }),
    heartbeatMs: options.config.heartbeatMs,
    ...(database.kind === 'sqlite'
      ? { alone: { where: `the SQLite store at ${database.path}` } }
      : {}),
  });
}

async function buildParts(
  options: AppOptions,
  store: OpenedStore,
  claim: ProcessClaim,
): Promise<AppParts> {
  const { config, log } = options;
  const clock = options.clock ?? systemClock;
  const { subscriptions, outbox } = store;
  // A large store is indexed in the background (issue 23 point 1): commands answer at once,
  // the ingest waits for the whole index (it decides duplicates and keywords by it).
  const { engine, build: index } = await startEngineFromStore(store.stories, {
    textThread: hasSpareCore(),
    log,
    onProgress: progressCallback('indexing', options.terminal),
    foregroundMs: INDEX_FOREGROUND_MS,
  });
  // Delivery by event (ADR 0025): posts, edits and follow-ups from each story's event.
  const byEvent = { events: store.events, development: developmentOf };
  const fanOut = createFanOut({
    subscriptions,
    outbox,
    clock,
    digestTimezone: config.delivery.digestTimezone,
    links: store.readerLinks,
    stories: store.stories,
    followUpsPerEventDay: config.delivery.followUpsPerEventDay,
    ...byEvent,
  });
  const pipeline = createIngestPipeline({
    stories: store.stories,
    engine,
    clock,
    log,
    settings: config,
    announce: async (stories) => {
      await fanOut.enqueueStories(stories);
    },
  });
  const metrics = createMetrics({
    outboxDepth: () => outbox.countsByState(),
    feedSuccessAges: () => successAges(store.feedHealth, clock),
  });
  const alertFeeds = createFeedAlerts({
    store: store.feedHealth,
    platforms: options.platforms,
    targets: operatorTargets(config.operators, new Set(options.platforms.map((p) => p.name))),
    afterMs: config.feedAlertAfterMs,
    clock,
    log: log.child({ part: 'feed-alerts' }),
  });
  const limiter = createFleetRateLimiter({
    limits: limitsFromConfig(config.delivery.rates),
    clock,
    sleep: realSleep,
    shared: store.rateWindows,
    log,
  });
  const dispatcher = createDispatcher({
    owner: claim.id,
    outbox,
    subscriptions,
    stories: store.stories,
    platforms: new Map(options.platforms.map((p) => [p.name, p])),
    limiter,
    clock,
    log: log.child({ part: 'dispatcher' }),
    config: config.delivery,
    onSend: (event) => {
      metrics.recordSend(event);
    },
    postFormats: store.postFormats,
    ...byEvent,
    defaultLanguage: config.replyLanguage,
  });
  const commands: CommandHandler = createCommandHandler({
    stories: store.stories,
    events: store.events,
    subscriptions,
    related: index,
    clock,
    log: log.child({ part: 'commands' }),
    operators: new Set(config.operators),
    defaultTimezone: config.delivery.digestTimezone,
    backfill: createBackfill({
      stories: store.stories,
      outbox,
      clock,
      digestTimezone: config.delivery.digestTimezone,
      links: store.readerLinks,
      subscriptions,
    }),
    backfillDefault: config.subscribeBackfill,
    defaultLanguage: config.replyLanguage,
    links: store.readerLinks,
    crossLanguage: config.crossLanguage,
  });
  // The ingest decides duplicates and keywords by the whole index: it waits for the build.
  const indexed = async () => {
    await index.done;
    if (!index.complete()) throw new Error('the text index was not built (see the log)');
  };
  const ingestDeps: IngestJobDeps = { pipeline, metrics, log: log.child({ part: 'ingest' }) };
  // A full or read-only disk under the SQLite file fails a job with an error saying what to do.
  const { database } = config;
  const advise = <T>(work: () => Promise<T>) =>
    database.kind === 'sqlite' ? withDiskAdvice(database.path, work) : work();
  const pollFeeds = createFeedsJob({
    config: config.feeds,
    stateStore: store.feedState,
    clock,
    stories: store.stories,
    log: log.child({ part: 'feeds' }),
    onProgress: progressCallback('polling feeds', options.terminal),
  });
  return {
    config,
    log,
    clock,
    store,
    claim,
    subscriptions,
    outbox,
    platforms: options.platforms,
    commands,
    dispatcher,
    metrics,
    engine,
    index,
    ...panelPart({
      config,
      store,
      platforms: options.platforms,
      related: (id, k) => engine.related(id, k),
      clock,
      log,
      previews: options.previews,
    }),
    runs: {
      // One process of a fleet runs each ingest tick; the others report nothing done.
      ingest: async () => {
        await indexed();
        return advise(() =>
          asLeader(
            store.leader,
            'ingest',
            clock.now(),
            () =>
              ingestContent(ingestDeps, config.contentDir, {
                announce: guardedPolicy(config.content),
                onProgress: progressCallback('ingesting', options.terminal),
              }),
            NOTHING_INGESTED,
          ),
        );
      },
      feeds: async () => {
        await indexed();
        return advise(() =>
          asLeader(
            store.leader,
            'feeds',
            clock.now(),
            async () => {
              // Each feed's items are stored as its poll ends, not once every feed is polled.
              const ingest = createFeedIngest(ingestDeps, config.feeds.firstFetchAnnounce);
              const results = await pollFeeds(ingest.take);
              const counts = ingest.finish();
              await observeFeeds(results, { metrics, alertFeeds });
              return counts;
            },
            NOTHING_INGESTED,
          ),
        );
      },
      dispatch: () => advise(() => dispatchUntilIdle({ dispatcher, outbox, clock })),
    },
  };
}

function panelPart(deps: Parameters<typeof panelHandler>[0]): Pick<AppParts, 'panel'> {
  const panel = panelHandler(deps);
  return panel === undefined ? {} : { panel };
}
