import { beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Story } from '../../src/domain/story.ts';
import { storyIdFromUrl } from '../../src/domain/story-id.ts';
import type { ParsedStory } from '../../src/ingest/parsed-story.ts';
import { createIngestPipeline, type IngestPipeline } from '../../src/ingest/pipeline.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import type { StoryStore } from '../../src/store/story-store.ts';
import { createTextEngine } from '../../src/text/engine.ts';
import { inThread, type TextInput, type TextPreparer } from '../../src/text/prepared-text.ts';

const SETTINGS = { sourceName: 'Herald', language: 'en', maxFutureSkewMs: 60 * 60_000 };
const T0 = Date.UTC(2026, 5, 1, 12);

const BODY = [
  'The city council approved a new budget for public transport on Tuesday evening after a long debate.',
  'The plan adds forty electric buses to the fleet and extends night services on six routes across the city.',
  'Critics said the fares would still rise next year, while supporters pointed to cleaner air and shorter waits.',
  'The mayor said the first buses would arrive in the spring and that the routes would be reviewed after a year.',
  'Drivers unions welcomed the new night shifts but asked for more rest areas at the end of each line.',
  'The transport authority expects ridership to grow by a tenth once the electric buses are running.',
].join('\n\n');

function parsed(url: string, overrides: Partial<ParsedStory> = {}): ParsedStory {
  return {
    id: storyIdFromUrl(url),
    title: 'Council approves electric buses and longer night services',
    body: BODY,
    url,
    topics: ['city'],
    publishedAt: new Date(T0 - 60_000),
    origin: { kind: 'feed', ref: 'https://news.example/feed' },
    ...overrides,
  };
}

/** 250 stories about different things: three commit chunks. */
const MANY = Array.from({ length: 250 }, (_, i) =>
  parsed(`https://news.example/many/${i}`, {
    title: `Story ${i} about the ${['harbour', 'budget', 'school', 'museum', 'stadium'][i % 5] ?? ''}`,
    body: `Paragraph ${i} with its own words: ${'alpha beta gamma delta '.repeat(i % 7)}${i}.`,
  }),
);

/** The in-thread preparer, recording the texts of each call. */
function recordingPreparer(): TextPreparer & { calls: TextInput[][] } {
  const calls: TextInput[][] = [];
  return {
    calls,
    prepare: (texts, summarySentences) => {
      calls.push([...texts]);
      return inThread.prepare(texts, summarySentences);
    },
    close: () => inThread.close(),
  };
}

function undated(url: string): ParsedStory {
  const { publishedAt: _dropped, ...rest } = parsed(url);
  return rest;
}

describe('ingest pipeline', () => {
  let stories: StoryStore;
  let pipeline: IngestPipeline;
  let announced: Story[];
  const clock = createManualClock(T0);

  /** A pipeline on this test's store, announcing through `announce`. */
  const pipelineWith = (
    announce: (batch: readonly Story[]) => Promise<void>,
    preparer: TextPreparer = inThread,
  ) =>
    createIngestPipeline({
      stories,
      engine: createTextEngine({ preparer }),
      clock,
      log: silentLog,
      settings: SETTINGS,
      announce,
    });

  beforeEach(() => {
    clock.set(T0);
    stories = createSqliteStoryStore(openSqliteDatabase(':memory:'));
    announced = [];
    pipeline = pipelineWith((batch) => {
      announced.push(...batch);
      return Promise.resolve();
    });
  });

  it('stores a new story with its enrichment and announces it once', async () => {
    const report = await pipeline.ingest([parsed('https://news.example/a')]);
    expect(report.added).toHaveLength(1);
    const story = report.added[0];
    expect(story?.summary.length).toBeGreaterThan(0);
    expect(story?.keywords).toContain('buses');
    expect(story?.fingerprint).toMatch(/^[0-9a-f]+$/);
    expect(announced.map((s) => s.id)).toEqual([story?.id]);
  });

  it('changes nothing when the same item comes again, even as the corpus grows', async () => {
    await pipeline.ingest([parsed('https://news.example/a')]);
    clock.advance(3_600_000);
    const other = parsed('https://news.example/b', {
      title: 'Storm closes the harbour for two days',
      body: 'A winter storm closed the harbour on Monday.\n\nFerries were cancelled and fishing boats stayed in port until the wind dropped on Wednesday morning.',
    });
    await pipeline.ingest([other]);
    const again = await pipeline.ingest([parsed('https://news.example/a')]);
    expect(again).toMatchObject({ added: [], updated: [], unchanged: 1 });
    expect(announced).toHaveLength(2);
  });

  it('updates an edited story under the same id without announcing it again', async () => {
    await pipeline.ingest([parsed('https://news.example/a')]);
    const edited = parsed('https://news.example/a', { body: `${BODY}\n\nThe vote was 31 to 12.` });
    const report = await pipeline.ingest([edited]);
    expect(report.updated).toHaveLength(1);
    expect(report.updated[0]?.body).toContain('31 to 12');
    expect(announced).toHaveLength(1);
  });

  it('uses the ingest time for a missing date, marks it, and keeps it later', async () => {
    const report = await pipeline.ingest([undated('https://news.example/a')]);
    expect(report.added[0]).toMatchObject({ dateEstimated: true, publishedAt: new Date(T0) });
    clock.advance(600_000);
    await pipeline.ingest([undated('https://news.example/a')]);
    const story = await stories.getStory(storyIdFromUrl('https://news.example/a'));
    expect(story?.publishedAt).toEqual(new Date(T0));
  });

  it('clamps a date far in the future to now', async () => {
    const future = new Date(T0 + 7 * 86_400_000);
    const report = await pipeline.ingest([
      parsed('https://news.example/a', { publishedAt: future }),
    ]);
    expect(report.added[0]).toMatchObject({ publishedAt: new Date(T0), dateEstimated: false });
  });

  it('keeps the time a future date was first clamped to, until that date is near', async () => {
    const future = new Date(T0 + 7 * 86_400_000);
    const item = parsed('https://news.example/a', { publishedAt: future });
    await pipeline.ingest([item]);
    clock.advance(600_000);
    const again = await pipeline.ingest([item]);
    expect(again.unchanged).toBe(1);
    expect((await stories.getStory(item.id))?.publishedAt).toEqual(new Date(T0));
    clock.advance(7 * 86_400_000);
    const due = await pipeline.ingest([item]);
    expect(due.updated).toHaveLength(1);
    expect((await stories.getStory(item.id))?.publishedAt).toEqual(future);
  });

  it('stores a near-duplicate from another URL as a duplicate and does not announce it', async () => {
    await pipeline.ingest([parsed('https://news.example/a')]);
    const copy = parsed('https://other.example/mirror/123', {
      publishedAt: new Date(T0 - 5_000),
      body: `${BODY}\n\nThis story was first published by News Example.`,
    });
    const report = await pipeline.ingest([copy]);
    expect(report.duplicates).toEqual([
      {
        story: expect.objectContaining({ id: copy.id }) as Story,
        of: storyIdFromUrl('https://news.example/a'),
      },
    ]);
    expect(announced).toHaveLength(1);
  });

  it('announces only the newest few when told to (a first fetch)', async () => {
    const items = [0, 1, 2, 3, 4].map((i) =>
      parsed(`https://news.example/${i}`, {
        title: `Item ${i}: ${['harbour', 'budget', 'school', 'museum', 'stadium'][i] ?? ''} news`,
        body: `Unrelated story number ${i} about ${['ships', 'taxes', 'pupils', 'paintings', 'football'][i] ?? ''}.`,
        publishedAt: new Date(T0 - (5 - i) * 60_000),
      }),
    );
    const report = await pipeline.ingest(items, { announceLimit: 3 });
    expect(report.added).toHaveLength(5);
    expect(announced.map((s) => s.title)).toEqual([
      'Item 4: stadium news',
      'Item 3: museum news',
      'Item 2: school news',
    ]);
  });

  it('keeps a story pending when its announcement fails, and announces it next time', async () => {
    let fail = true;
    const flaky = pipelineWith((batch) => {
      if (fail) return Promise.reject(new Error('outbox unavailable'));
      announced.push(...batch);
      return Promise.resolve();
    });
    await flaky.ingest([parsed('https://news.example/a')]);
    expect(await stories.pendingAnnouncements(10)).toHaveLength(1);
    fail = false;
    expect(await flaky.announcePending()).toBe(1);
    expect(await stories.pendingAnnouncements(10)).toHaveLength(0);
    expect(announced).toHaveLength(1);
  });

  it('announces in batches of up to 100, in order; a failed batch stays pending, whole', async () => {
    const batches: string[][] = [];
    let failAt = 2;
    const batched = pipelineWith((batch) => {
      if (batches.length + 1 === failAt) return Promise.reject(new Error('outbox unavailable'));
      batches.push(batch.map((story) => story.id));
      return Promise.resolve();
    });
    const items = Array.from({ length: 150 }, (_, i) =>
      parsed(`https://news.example/${i}`, {
        title: `Story number ${i} about the council`,
        body: `Paragraph ${i} with its own words: ${'alpha beta gamma delta '.repeat(i % 7)}${i}.`,
      }),
    );
    const report = await batched.ingest(items);
    const added = [...report.added, ...report.duplicates.map((d) => d.story)];
    expect(batches.map((b) => b.length)).toEqual([100]);
    expect(await stories.pendingAnnouncements(200)).toHaveLength(added.length - 100);
    failAt = 0;
    expect(await batched.announcePending()).toBe(added.length - 100);
    expect(batches.flat()).toEqual(
      (await Promise.all(items.map((item) => stories.getStory(item.id)))).map((story) => story?.id),
    );
    expect(await stories.pendingAnnouncements(200)).toHaveLength(0);
  });

  it('prepares the texts of new and changed stories only, a chunk at a time', async () => {
    const preparer = recordingPreparer();
    const recorded = pipelineWith(() => Promise.resolve(), preparer);
    await recorded.ingest(MANY);
    expect(preparer.calls.map((call) => call.length)).toEqual([100, 100, 50]);
    preparer.calls.length = 0;

    const again = await recorded.ingest(MANY);
    expect(again.unchanged).toBe(250);
    expect(preparer.calls).toEqual([]);

    const changed = MANY.map((item, i) =>
      i === 120 ? { ...item, body: `${item.body} Now.` } : item,
    );
    const report = await recorded.ingest(changed);
    expect(report.updated.map((story) => story.id)).toEqual([changed[120]?.id]);
    const { title, body } = changed[120] as ParsedStory;
    expect(preparer.calls).toEqual([[{ title, body, defaultLanguage: 'en' }]]);
  });

  it('takes an id that comes again later in the same ingest as stored by then', async () => {
    const again = (i: number, body?: string): ParsedStory => ({
      ...(MANY[i] as ParsedStory),
      ...(body === undefined ? {} : { body }),
    });
    const items = [
      ...MANY.slice(0, 150),
      again(5, 'A new text for story five, which changed since the first fetch of this ingest.'),
      again(10),
      again(150),
      ...MANY.slice(150),
    ];
    const report = await pipeline.ingest(items);
    expect(report.added.length + report.duplicates.length).toBe(MANY.length);
    expect(report.updated.map((story) => story.id)).toEqual([MANY[5]?.id]);
    expect(report.unchanged).toBe(2);
    expect((await stories.getStory(MANY[5]?.id ?? ''))?.body).toContain('story five');
  });

  it('reports a story whose text work fails, and stores the others', async () => {
    const broken = parsed('https://news.example/broken', { body: 42 as unknown as string });
    const report = await pipeline.ingest([parsed('https://news.example/a'), broken]);
    expect(report.added).toHaveLength(1);
    expect(report.rejected).toEqual([
      {
        ref: broken.origin.ref,
        reason: expect.stringMatching(/^text processing failed: TypeError/) as string,
      },
    ]);
    expect(await stories.getStory(broken.id)).toBeUndefined();
  });
});
