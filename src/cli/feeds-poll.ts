import { ingestFeeds } from '../app/app-jobs.ts';
import { withCliContext } from './lazy-context.ts';
import { createMetrics } from '../app/metrics.ts';
import { progressCallback } from '../app/progress.ts';
import { createTerminal } from '../app/terminal.ts';
import { createEngineFromStore, hasSpareCore } from '../app/text-engine.ts';
import { systemClock } from '../domain/clock.ts';
import { createConfiguredFetcher } from '../ingest/feeds/job.ts';
import { pollNow } from '../ingest/feeds/manage.ts';
import { createIngestPipeline } from '../ingest/pipeline.ts';
import type { CliDeps } from './cli-deps.ts';
import { UsageError } from './usage-error.ts';

/**
 * `herald feeds poll [url]`: polls now (one feed, or every feed not stopped) and stores what
 * they bring like a tick would; the running bot announces the new stories.
 */
export async function pollFeedsNow(deps: CliDeps, url: string | undefined): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const { feeds } = c.config;
    const polled = await pollNow(
      feeds.file,
      {
        stateStore: c.store.feedState,
        fetcher: createConfiguredFetcher(feeds),
        clock: systemClock,
        stories: c.store.stories,
        stopAfterNotFoundMs: feeds.stopAfterNotFoundMs,
        onProgress: progressCallback('polling', createTerminal()),
      },
      url,
    );
    if (!polled.ok) throw new UsageError(polled.reason);
    const engine = await createEngineFromStore(c.store.stories, {
      textThread: hasSpareCore(),
      log: c.log,
    });
    try {
      const pipeline = createIngestPipeline({
        stories: c.store.stories,
        engine,
        clock: systemClock,
        log: c.log,
        settings: c.config,
      });
      const jobDeps = { pipeline, metrics: createMetrics(), log: c.log };
      const counts = await ingestFeeds(jobDeps, polled.results, feeds.firstFetchAnnounce);
      for (const r of polled.results) {
        const outcome = r.error === undefined ? `${r.stories.length} items` : `failed: ${r.error}`;
        deps.out(`${r.feedUrl}: ${r.notModified ? 'not modified' : outcome}`);
      }
      deps.out(
        `polled ${polled.results.length} feed(s): ${counts.added} added, ${counts.updated} updated, ${counts.duplicates} duplicates`,
      );
    } finally {
      await engine.close();
    }
  });
}
