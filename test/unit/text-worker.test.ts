/**
 * The ingest's text worker (src/text/enrich-pool.ts): texts prepared in a worker thread give
 * exactly what the ingest's own thread gives, unchanged stories are not sent, and a worker
 * that is gone costs nothing but time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateStories } from '../../bench/generate.ts';
import { cleanRaw } from '../../bench/ingest-harness.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { ParsedStory } from '../../src/ingest/parsed-story.ts';
import { createIngestPipeline, type IngestReport } from '../../src/ingest/pipeline.ts';
import type { TextEngine } from '../../src/ingest/text-engine.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import type { StoryStore } from '../../src/store/story-store.ts';
import { EnrichWorker, WorkerOnDemand, workerCode } from '../../src/text/enrich-pool.ts';
import { LEAD } from '../../src/text/enrich-worker-main.ts';
import { createTextEngine } from '../../src/text/engine.ts';
import { TermStats } from '../../src/text/keywords.ts';
import { prepareText } from '../../src/text/prepared-text.ts';

const SETTINGS = { sourceName: 'Herald', language: 'en', maxFutureSkewMs: 60 * 60_000 };
const T0 = Date.UTC(2026, 5, 1, 12);
/**
 * 250 stories: three commit chunks of the pipeline (100 each); the second and third are
 * prepared ahead (the first never waits for a worker to start).
 */
const ITEMS: ParsedStory[] = [...generateStories(250)].map(cleanRaw);

const engines: TextEngine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close?.();
});

function engine(worker: boolean): TextEngine {
  const e = createTextEngine({ worker });
  engines.push(e);
  return e;
}

function rig(textEngine: TextEngine): { stories: StoryStore; ingest: typeof run } {
  const stories = createSqliteStoryStore(openSqliteDatabase(':memory:'));
  const pipeline = createIngestPipeline({
    stories,
    engine: textEngine,
    clock: createManualClock(T0),
    log: silentLog,
    settings: SETTINGS,
  });
  const run = (items: readonly ParsedStory[]): Promise<IngestReport> => pipeline.ingest(items);
  return { stories, ingest: run };
}

/** What the ingest stored and what the index answers, for comparing two runs. */
async function outcome(stories: StoryStore, textEngine: TextEngine) {
  const stored = await Promise.all(ITEMS.map((item) => stories.getStory(item.id)));
  return stored.map((story) => ({
    id: story?.id,
    summary: story?.summary,
    keywords: story?.keywords,
    entities: story?.entities,
    fingerprint: story?.fingerprint,
    duplicateOf: story?.duplicateOf,
    related: story === undefined ? [] : textEngine.related(story.id, 5),
  }));
}

describe('text worker', () => {
  it('prepares in a worker thread exactly what the ingest thread prepares', async () => {
    const worker = new EnrichWorker(3);
    try {
      const stories = ITEMS.slice(0, 40);
      const prepared = await worker.prepare(stories);
      expect(prepared).toHaveLength(40);
      expect(prepared).toEqual(stories.map((s) => prepareText(s.title, s.body, 3)));
    } finally {
      await worker.close();
    }
  });

  it('numbers the terms as the ingest thread would, asking it once per term', async () => {
    const stats = new TermStats();
    const asked: string[] = [];
    const worker = new EnrichWorker(3, {
      termId: (term) => {
        asked.push(term);
        return stats.termId(term);
      },
    });
    try {
      // Numbers the ingest thread gave before the worker started stay as they are.
      stats.termId('zzz-seen-before');
      const first = await worker.prepare(ITEMS.slice(0, 30));
      const second = await worker.prepare(ITEMS.slice(20, 60));
      for (const text of [...first, ...second]) {
        expect(text?.termIds).toEqual(text?.counts.terms.map((term) => stats.termId(term)));
      }
      const distinct = new Set([...first, ...second].flatMap((text) => text?.counts.terms ?? []));
      expect(asked).toHaveLength(distinct.size);
      expect(new Set(asked)).toEqual(distinct);
      expect(stats.termId('zzz-seen-before')).toBe(0);
    } finally {
      await worker.close();
    }
  });

  it('shares a run with the ingest thread: each story prepared once, by one of them', async () => {
    const worker = new EnrichWorker(3);
    try {
      // Started and answering before the run.
      expect(await worker.prepare(ITEMS.slice(0, 1))).toHaveLength(1);
      const stories = ITEMS.slice(0, 120);
      const run = worker.run(stories);
      // The worker starts just ahead of the ingest thread (which is at the first story).
      await new Promise((resolve) => setTimeout(resolve, 300));
      const byWorker: number[] = [];
      const byThisThread: number[] = [];
      stories.forEach((story, i) => {
        const expected = prepareText(story.title, story.body, 3);
        const taken = run.take(i);
        if (taken === undefined) byThisThread.push(i);
        else byWorker.push(i);
        expect(taken ?? expected).toEqual(expected);
      });
      run.end();
      expect(byThisThread.slice(0, LEAD)).toEqual([0, 1]);
      expect(byWorker.length).toBeGreaterThan(0);
      expect(byWorker.length + byThisThread.length).toBe(stories.length);
    } finally {
      await worker.close();
    }
  });

  it('leaves every story of a run to the ingest thread once the worker is gone', async () => {
    const worker = new EnrichWorker(3);
    const stories = ITEMS.slice(0, 50);
    const run = worker.run(stories);
    await worker.close();
    expect(stories.map((_, i) => run.take(i))).toEqual(stories.map(() => undefined));
    run.end();
    expect(worker.run(stories).take(0)).toBeUndefined();
  });

  it('starts from its bundled code (esbuild) and prepares the same as through tsx', async () => {
    const code = await workerCode();
    expect(code).toContain('prepareText');
    const bundled = new EnrichWorker(3, { code });
    try {
      const stories = ITEMS.slice(0, 20);
      expect(await bundled.prepare(stories)).toEqual(
        stories.map((s) => prepareText(s.title, s.body, 3)),
      );
    } finally {
      await bundled.close();
    }
  });

  it('ingests with the worker exactly as without it: summaries, keywords, names, related', async () => {
    const plainEngine = engine(false);
    const plain = rig(plainEngine);
    const withWorker = engine(true);
    const threaded = rig(withWorker);
    const prepare = vi.spyOn(withWorker, 'prepareAhead');

    const a = await plain.ingest(ITEMS);
    const b = await threaded.ingest(ITEMS);

    expect(b.added.length).toBe(a.added.length);
    expect(b.duplicates.length).toBe(a.duplicates.length);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(await outcome(threaded.stories, withWorker)).toEqual(
      await outcome(plain.stories, plainEngine),
    );
  });

  it('takes an id that comes again later in the same large ingest as stored by then', async () => {
    const again = (item: ParsedStory | undefined, body?: string): ParsedStory => ({
      ...(item as ParsedStory),
      ...(body === undefined ? {} : { body }),
    });
    const items = [
      ...ITEMS.slice(0, 200),
      again(ITEMS[5], `${ITEMS[5]?.body ?? ''}\n\nUpdated later the same day.`),
      again(ITEMS[10]),
      ...ITEMS.slice(200),
    ];
    const reports: IngestReport[] = [];
    for (const withWorker of [true, false])
      reports.push(await rig(engine(withWorker)).ingest(items));
    for (const report of reports) {
      expect(report.added.length + report.duplicates.length).toBe(ITEMS.length);
      expect(report.updated.map((s) => s.id)).toEqual([ITEMS[5]?.id]);
      expect(report.unchanged).toBe(1);
    }
  });

  it('does not send stories whose text is stored unchanged, nor a small ingest', async () => {
    const withWorker = engine(true);
    const threaded = rig(withWorker);
    await threaded.ingest(ITEMS.slice(0, 150));
    const prepare = vi.spyOn(withWorker, 'prepareAhead');

    const again = await threaded.ingest(ITEMS.slice(0, 150));
    expect(again.unchanged).toBe(150);
    expect(prepare).not.toHaveBeenCalled();

    const edit = (item: ParsedStory | undefined) => ({
      ...(item as ParsedStory),
      body: `${item?.body ?? ''}\n\nUpdated.`,
    });
    const changed = ITEMS.slice(0, 150).map((item, i) => (i === 120 ? edit(item) : item));
    const report = await threaded.ingest(changed);
    expect(report.updated).toHaveLength(1);
    expect(prepare).toHaveBeenCalledTimes(1);
    expect(prepare.mock.calls[0]?.[0]).toEqual([changed[120]]);

    // One chunk (a feed poll's worth) is processed on the ingest thread alone.
    await threaded.ingest([edit(ITEMS[3])]);
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it('starts its thread when a large ingest needs it and stops it when idle', async () => {
    const worker = new WorkerOnDemand(3, 50);
    try {
      expect(worker.running).toBe(false);
      const prepared = await worker.prepare(ITEMS.slice(0, 3));
      expect(prepared).toEqual(ITEMS.slice(0, 3).map((s) => prepareText(s.title, s.body, 3)));
      expect(worker.running).toBe(true);
      await vi.waitFor(() => {
        expect(worker.running).toBe(false);
      });
      expect(await worker.prepare(ITEMS.slice(3, 4))).toHaveLength(1);
    } finally {
      await worker.close();
    }
    expect(worker.running).toBe(false);
  });

  it('falls back to the ingest thread when the worker prepared nothing', async () => {
    const withWorker = engine(true);
    // A worker that failed or was stopped answers with nothing prepared.
    const prepare = vi
      .spyOn(withWorker, 'prepareAhead')
      .mockResolvedValue({ take: () => undefined, end: () => undefined });
    const threaded = rig(withWorker);
    const plainEngine = engine(false);
    const plain = rig(plainEngine);

    const report = await threaded.ingest(ITEMS.slice(0, 150));
    await plain.ingest(ITEMS.slice(0, 150));

    expect(prepare).toHaveBeenCalledTimes(1);
    expect(report.added.length + report.duplicates.length).toBe(150);
    const pick = (o: Awaited<ReturnType<typeof outcome>>) => o.slice(0, 150);
    expect(pick(await outcome(threaded.stories, withWorker))).toEqual(
      pick(await outcome(plain.stories, plainEngine)),
    );
  });

  it('answers a story it cannot prepare with undefined, and the rest normally', async () => {
    const worker = new EnrichWorker(3);
    try {
      // A body that is not a string makes the text processing throw inside the worker.
      const broken = { title: 'Broken', body: 42 as unknown as string };
      const good = ITEMS[0] as ParsedStory;
      const prepared = await worker.prepare([broken, good]);
      expect(prepared[0]).toBeUndefined();
      expect(prepared[1]).toEqual(prepareText(good.title, good.body, 3));
      expect(worker.running).toBe(true);
    } finally {
      await worker.close();
    }
    expect(worker.running).toBe(false);
    expect(await worker.prepare([ITEMS[0] as ParsedStory])).toEqual([]);
  });
});
