import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { systemClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import { createIngestPipeline } from '../../src/ingest/pipeline.ts';
import { openPostgresStore } from '../../src/store/postgres/open-postgres.ts';
import { createTextEngine } from '../../src/text/engine.ts';
import { EVENTS, expectedPartition, parsedStory, partition } from '../support/event-stories.ts';
import { createTestSchema, describePostgres, type TestSchema } from '../support/postgres.ts';

const CHILD = fileURLToPath(new URL('../support/postgres-events-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const schemas: TestSchema[] = [];

afterAll(async () => {
  for (const schema of schemas) await schema.drop();
});

function runChild(databaseUrl: string, indexes: readonly number[]): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, databaseUrl, indexes.join(',')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ?? `exit ${code}`);
    });
  });
}

/** Each story's event and the events left unmerged, as the schema holds them. */
async function eventsIn(url: string) {
  const store = await openPostgresStore(url);
  try {
    const stories = await store.pool.query<{ id: string; event_id: string | null }>(
      'SELECT id, event_id FROM stories',
    );
    const live = await store.pool.query<{ n: number }>(
      'SELECT COUNT(*) AS n FROM events WHERE merged_into IS NULL',
    );
    const map = new Map(stories.rows.map((r) => [r.id, r.event_id ?? 'none']));
    return { partition: partition(map), live: live.rows[0]?.n, stories: map.size };
  } finally {
    await store.close();
  }
}

describePostgres('events on a PostgreSQL fleet', () => {
  it('three processes ingesting overlapping feeds at once make the events one process makes', async () => {
    const all = EVENTS.flat();
    const indexes = all.map((_, i) => i);
    const [fleet, single] = [await createTestSchema(), await createTestSchema()];
    schemas.push(fleet, single);

    const one = await openPostgresStore(single.url);
    try {
      const pipeline = createIngestPipeline({
        stories: one.stories,
        engine: createTextEngine(),
        clock: systemClock,
        log: silentLog,
        settings: { sourceName: 'Herald', language: 'en', maxFutureSkewMs: 3_600_000 },
      });
      for (const text of all) await pipeline.ingest([parsedStory(text)]);
    } finally {
      await one.close();
    }

    // Migrated once before the three start (each would wait on the migration lock anyway).
    await (await openPostgresStore(fleet.url)).close();
    const exits = await Promise.all([
      runChild(fleet.url, indexes),
      runChild(fleet.url, [...indexes].reverse()),
      runChild(
        fleet.url,
        indexes.filter((i) => i % 2 === 1).concat(indexes.filter((i) => i % 2 === 0)),
      ),
    ]);
    expect(exits).toEqual(['exit 0', 'exit 0', 'exit 0']);

    const expected = expectedPartition();
    const fromOne = await eventsIn(single.url);
    const fromFleet = await eventsIn(fleet.url);
    expect(fromOne.partition).toEqual(expected);
    expect(fromFleet.partition).toEqual(expected);
    expect(fromFleet.live).toBe(EVENTS.length);
    expect(fromFleet.stories).toBe(all.length);
  }, 120_000);
});
