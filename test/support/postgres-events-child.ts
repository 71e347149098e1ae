/**
 * One process of the event fleet test (test/integration/postgres-events-fleet.test.ts): ingests
 * the given event stories, one feed item at a time, into a shared PostgreSQL schema through the
 * real pipeline and text engine.
 * Usage: node --import tsx postgres-events-child.ts <database url> <comma-separated indexes>
 */
import { systemClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import { createIngestPipeline } from '../../src/ingest/pipeline.ts';
import { openPostgresStore } from '../../src/store/postgres/open-postgres.ts';
import { createTextEngine } from '../../src/text/engine.ts';
import { EVENTS, parsedStory } from './event-stories.ts';

async function main(databaseUrl: string, indexes: number[]): Promise<void> {
  const store = await openPostgresStore(databaseUrl);
  try {
    const all = EVENTS.flat();
    const pipeline = createIngestPipeline({
      stories: store.stories,
      engine: createTextEngine(),
      clock: systemClock,
      log: silentLog,
      settings: { sourceName: 'Herald', language: 'en', maxFutureSkewMs: 3_600_000 },
    });
    for (const i of indexes) {
      const text = all[i];
      if (text !== undefined) await pipeline.ingest([parsedStory(text)]);
    }
  } finally {
    await store.close();
  }
}

const [url = '', list = ''] = process.argv.slice(2);
main(
  url,
  list.split(',').map((n) => Number(n)),
).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
