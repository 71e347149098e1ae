import type { Clock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Story } from '../../src/domain/story.ts';
import { createIngestPipeline, type IngestPipeline } from '../../src/ingest/pipeline.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import type { StoryStore } from '../../src/store/story-store.ts';
import { createTextEngine } from '../../src/text/engine.ts';

/** A real ingest pipeline over an in-memory SQLite story store, for the feed tests. */
export function feedPipeline(
  clock: Clock,
  announce?: (stories: readonly Story[]) => Promise<void>,
): { stories: StoryStore; pipeline: IngestPipeline } {
  const stories = createSqliteStoryStore(openSqliteDatabase(':memory:'));
  const pipeline = createIngestPipeline({
    stories,
    engine: createTextEngine(),
    clock,
    log: silentLog,
    settings: { sourceName: 'Herald', language: 'en', maxFutureSkewMs: 3_600_000 },
    ...(announce === undefined ? {} : { announce }),
  });
  return { stories, pipeline };
}
