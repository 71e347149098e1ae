import { beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import { createIngestPipeline } from '../../src/ingest/pipeline.ts';
import type { EventStore } from '../../src/store/event-store.ts';
import { openSqliteDatabase, type SqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteEventStore } from '../../src/store/sqlite/event-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import type { StoryStore } from '../../src/store/story-store.ts';
import { createTextEngine } from '../../src/text/engine.ts';
import {
  CAMPAIGN,
  EVENTS,
  QUAKE,
  T0,
  expectedPartition,
  parsedStory,
  partition,
} from '../support/event-stories.ts';

const SETTINGS = { sourceName: 'Herald', language: 'en', maxFutureSkewMs: 3_600_000 };

describe('events at ingest', () => {
  let db: SqliteDatabase;
  let stories: StoryStore;
  let events: EventStore;
  const clock = createManualClock(T0.getTime() + 3 * 3_600_000);
  const pipeline = (assignEvents = true) =>
    createIngestPipeline({
      stories,
      engine: createTextEngine(),
      clock,
      log: silentLog,
      settings: SETTINGS,
      assignEvents,
    });

  beforeEach(() => {
    db = openSqliteDatabase(':memory:');
    stories = createSqliteStoryStore(db);
    events = createSqliteEventStore(db);
  });

  /** Each story's event, as the store holds it. */
  const eventIds = () =>
    new Map(
      (
        db.prepare('SELECT id, event_id FROM stories').all() as {
          id: string;
          event_id: string | null;
        }[]
      ).map((r) => [r.id, r.event_id ?? 'none']),
    );

  it('makes one event of one happening reported by three feeds, with three reports', async () => {
    for (const text of QUAKE) await pipeline().ingest([parsedStory(text)]);
    const ids = QUAKE.map((text) => parsedStory(text).id);
    const event = await events.eventOf(ids[2] ?? '');
    expect(event?.id).toBe('e000000001');
    expect(event?.firstStoryId).toBe(ids[0]);
    expect(event?.reports.map((r) => [r.storyId, r.source])).toEqual(
      QUAKE.map((text, i) => [ids[i], text.source]),
    );
    expect(event?.outlets).toBe(3);
  });

  it("keeps one outlet's stories of one day's campaign apart: four events, not one", async () => {
    await pipeline().ingest(CAMPAIGN.map(parsedStory));
    // (Checked: with sameOutletJoin at 0, the candidate's story joins the tax row's event.)
    expect(new Set(eventIds().values()).size).toBe(CAMPAIGN.length);
  });

  it('groups every event alike in the file order and reversed', async () => {
    const all = EVENTS.flat().map(parsedStory);
    await pipeline().ingest(all);
    expect(partition(eventIds())).toEqual(expectedPartition());
    db = openSqliteDatabase(':memory:');
    stories = createSqliteStoryStore(db);
    await pipeline().ingest([...all].reverse());
    expect(partition(eventIds())).toEqual(expectedPartition());
  });

  it('changes no event when the same feeds come again (idempotent)', async () => {
    const all = EVENTS.flat().map(parsedStory);
    await pipeline().ingest(all);
    const before = eventIds();
    const counters = db.prepare('SELECT documents, next_event FROM event_corpus').get();
    const report = await pipeline().ingest(all);
    expect(report.unchanged).toBe(all.length);
    expect(eventIds()).toEqual(before);
    expect(db.prepare('SELECT documents, next_event FROM event_corpus').get()).toEqual(counters);
  });

  it('assigns a story stored before events were kept when it comes again', async () => {
    const all = EVENTS.flat().map(parsedStory);
    await pipeline(false).ingest(all);
    expect([...eventIds().values()].every((e) => e === 'none')).toBe(true);
    await pipeline().ingest(all);
    expect(partition(eventIds())).toEqual(expectedPartition());
  });
});
