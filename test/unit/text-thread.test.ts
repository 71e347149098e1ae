/**
 * The text thread (src/app/threaded-preparer.ts): texts prepared on it are exactly those of
 * the calling thread, an ingest gives the same results with and without it, it starts only
 * for changed work, and a thread that fails costs time, never a story.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateStories } from '../../bench/generate.ts';
import { cleanRaw } from '../../bench/ingest-harness.ts';
import {
  createThreadedPreparer,
  type ThreadedPreparer,
  type ThreadedPreparerOptions,
} from '../../src/app/threaded-preparer.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import { ingestContentFolder } from '../../src/ingest/content-ingest.ts';
import type { ParsedStory } from '../../src/ingest/parsed-story.ts';
import { createIngestPipeline, type IngestPipeline } from '../../src/ingest/pipeline.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import type { StoryStore } from '../../src/store/story-store.ts';
import { createTextEngine, type TextEngine } from '../../src/text/engine.ts';
import { TermStats } from '../../src/text/keywords.ts';
import {
  isPrepareFailure,
  prepareTexts,
  type Prepared,
  type TextInput,
} from '../../src/text/prepared-text.ts';
import { createCaptureLog } from '../support/capture-log.ts';

const SETTINGS = { sourceName: 'Herald', language: 'en', maxFutureSkewMs: 60 * 60_000 };
const T0 = Date.UTC(2026, 5, 1, 12);
/** 250 stories: three commit chunks of the pipeline (100 each). */
const ITEMS: ParsedStory[] = [...generateStories(250)].map(cleanRaw);
/** A body that is not a string makes the text work throw. */
const BROKEN: TextInput = { title: 'Broken', body: 42 as unknown as string };

const preparers: ThreadedPreparer[] = [];
afterEach(async () => {
  for (const p of preparers.splice(0)) await p.close();
});

function preparer(options: Partial<ThreadedPreparerOptions> = {}): ThreadedPreparer {
  const p = createThreadedPreparer(options);
  preparers.push(p);
  return p;
}

/**
 * Asks until the thread prepared some texts of a call (it starts meanwhile, and the calling
 * thread takes its share); returns that answer.
 */
async function fromThread(p: ThreadedPreparer, texts: readonly TextInput[]): Promise<Prepared[]> {
  return vi.waitFor(
    async () => {
      const before = p.prepared.byThread;
      const answer = await p.prepare(texts, 3);
      expect(p.prepared.byThread).toBeGreaterThan(before);
      return answer;
    },
    { timeout: 10_000, interval: 20 },
  );
}

/**
 * A prepared text as the calling thread gives it, to compare: without the thread's term
 * numbers (a function), its counts as plain arrays (the thread's are typed).
 */
function plain(answer: Prepared[]): Prepared[] {
  return answer.map((text) => {
    if (isPrepareFailure(text)) return text;
    const { termIdsFor: _numbers, counts, ...rest } = text;
    return {
      ...rest,
      counts: { ...counts, title: Array.from(counts.title), body: Array.from(counts.body) },
    };
  });
}

function rig(engine: TextEngine): { stories: StoryStore; pipeline: IngestPipeline } {
  const stories = createSqliteStoryStore(openSqliteDatabase(':memory:'));
  const clock = createManualClock(T0);
  const pipeline = createIngestPipeline({
    stories,
    engine,
    clock,
    log: silentLog,
    settings: SETTINGS,
  });
  return { stories, pipeline };
}

/** What the ingest stored and what the index answers, for comparing two runs. */
async function outcome(stories: StoryStore, engine: TextEngine) {
  const stored = await Promise.all(ITEMS.map((item) => stories.getStory(item.id)));
  return stored.map((story) => ({
    story: story === undefined ? undefined : { ...story, ingestedAt: 0, updatedAt: 0 },
    related: story === undefined ? [] : engine.related(story.id, 5),
  }));
}

describe('text thread', () => {
  it('prepares on its thread exactly what the calling thread prepares, failures included', async () => {
    const texts = [BROKEN, ...ITEMS.slice(0, 30)];
    const answer = plain(await fromThread(preparer({ minTexts: 1 }), texts));
    expect(answer).toEqual(prepareTexts(texts, 3));
    expect(answer[0]).toEqual({ failed: expect.stringContaining('TypeError') as string });
  });

  it('shares each call with the calling thread, every text prepared once, in order', async () => {
    const p = preparer({ minTexts: 1 });
    // The thread starts meanwhile: the calling thread prepares until it is up.
    const first = await p.prepare(ITEMS, 3);
    expect(plain(first)).toEqual(prepareTexts(ITEMS, 3));
    expect(p.prepared.byCaller).toBeGreaterThan(0);
    expect(p.prepared.byThread + p.prepared.byCaller).toBe(ITEMS.length);
    expect(p.running).toBe(true);
    const before = { ...p.prepared };
    const calls = [ITEMS.slice(0, 100), ITEMS.slice(100, 130), ITEMS.slice(130, 250)];
    const answers = await Promise.all(calls.map((texts) => p.prepare(texts, 3)));
    expect(plain(answers.flat())).toEqual(prepareTexts(ITEMS, 3));
    const took = p.prepared.byThread - before.byThread + p.prepared.byCaller - before.byCaller;
    expect(took).toBe(ITEMS.length);
  });

  it("gives the engine's number of each term, across a thread started again", async () => {
    const p = preparer({ minTexts: 1, idleMs: 50 });
    /** Each text's numbers from the preparer, against a plain lookup in a table of its own. */
    const check = (answer: Prepared[], texts: readonly TextInput[]) => {
      const looking = new TermStats();
      const given = new TermStats();
      // One function for the whole check, as the engine passes: the table's numbers are kept.
      const givenId = (term: string) => given.termId(term);
      expect(plain(answer)).toEqual(prepareTexts(texts, 3));
      for (const text of answer) {
        if (isPrepareFailure(text)) continue;
        const ids = text.termIdsFor?.(givenId);
        const looked = text.counts.terms.map((term) => looking.termId(term));
        // Prepared here, a text has none (the engine looks its terms up).
        if (ids === undefined) text.counts.terms.forEach((term) => given.termId(term));
        else expect(ids).toEqual(looked);
      }
    };
    const first = await fromThread(p, ITEMS.slice(0, 120));
    await vi.waitFor(
      () => {
        expect(p.running).toBe(false);
      },
      { timeout: 10_000 },
    );
    // A new thread numbers its terms from 0 again: texts of either thread, in any order.
    const second = await fromThread(p, ITEMS.slice(100, 250));
    check([...second, ...first], [...ITEMS.slice(100, 250), ...ITEMS.slice(0, 120)]);
    check(first, ITEMS.slice(0, 120));
  });

  it('starts no thread for fewer texts than a chunk (a feed poll)', async () => {
    const p = preparer();
    await p.prepare(ITEMS.slice(0, 99), 3);
    expect(p.running).toBe(false);
    expect(p.prepared).toEqual({ byThread: 0, byCaller: 99 });
  });

  it('stops its thread when idle, and starts it again when asked', async () => {
    const p = preparer({ minTexts: 1, idleMs: 50 });
    await fromThread(p, ITEMS.slice(0, 20));
    await vi.waitFor(
      () => {
        expect(p.running).toBe(false);
      },
      { timeout: 10_000 },
    );
    await p.prepare(ITEMS.slice(20, 25), 3);
    expect(p.running).toBe(true);
    await fromThread(p, ITEMS.slice(25, 45));
  });

  it('does not wait for a thread still starting when the calling thread took every text', async () => {
    const entry = new URL('../support/slow-text-thread.js', import.meta.url);
    const p = preparer({ minTexts: 1, entry });
    const texts = ITEMS.slice(0, 40);
    // Before: the call waited for the thread's (empty) answer, a minute here.
    expect(plain(await p.prepare(texts, 3))).toEqual(prepareTexts(texts, 3));
    expect(p.prepared).toEqual({ byThread: 0, byCaller: 40 });
  });

  it('costs time, never a text, when its thread crashes, and prepares here from then on', async () => {
    const capture = createCaptureLog();
    const entry = new URL('../support/crashing-text-thread.js', import.meta.url);
    const p = preparer({ minTexts: 1, entry, log: capture.log });
    const texts = ITEMS.slice(0, 20);
    await vi.waitFor(
      async () => {
        expect(await p.prepare(texts, 3)).toEqual(prepareTexts(texts, 3));
        expect(capture.lines().map((line) => line.msg)).toEqual([
          'text thread failed; texts are prepared on the main thread',
        ]);
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(await p.prepare(texts, 3)).toEqual(prepareTexts(texts, 3));
    expect(p.prepared.byThread).toBe(0);
    expect(p.running).toBe(false);
  });

  it('ingests with the thread exactly as without it: stories, summaries, keywords, related', async () => {
    const plainEngine = createTextEngine();
    const plain = rig(plainEngine);
    const p = preparer({ minTexts: 1 });
    // Started and answering: with one text the calling thread, which takes a text a turn of
    // its event loop, could win it every time on a loaded machine (CI, 2026-12-05).
    await fromThread(p, ITEMS.slice(0, 20));
    const threadedEngine = createTextEngine({ preparer: p });
    const threaded = rig(threadedEngine);
    const before = p.prepared.byThread;

    await plain.pipeline.ingest(ITEMS);
    await threaded.pipeline.ingest(ITEMS);

    expect(p.prepared.byThread).toBeGreaterThan(before);
    expect(await outcome(threaded.stories, threadedEngine)).toEqual(
      await outcome(plain.stories, plainEngine),
    );
  });

  it('starts no thread for a content folder stored unchanged (every ingest tick)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-text-thread-'));
    const file = (i: number) => join(dir, `story-${i}.txt`);
    const write = (i: number, extra = '') => {
      const item = ITEMS[i] as ParsedStory;
      writeFileSync(file(i), `${item.title}\n\n${item.body}${extra}\n`);
    };
    try {
      for (let i = 0; i < 101; i += 1) write(i);
      const p = preparer({ idleMs: 50 });
      const { pipeline } = rig(createTextEngine({ preparer: p }));
      const first = await ingestContentFolder(pipeline, dir);
      expect(first.added.length + first.duplicates.length).toBe(101);
      // The thread started for the first 100 files (it may take seconds on a busy machine).
      await vi.waitFor(
        () => {
          expect(p.running).toBe(false);
        },
        { timeout: 10_000 },
      );
      const prepared = { ...p.prepared };

      const again = await ingestContentFolder(pipeline, dir);
      expect(again.unchanged).toBe(101);
      expect(p.running).toBe(false);
      expect(p.prepared).toEqual(prepared);

      write(7, '\n\nUpdated.');
      const edited = await ingestContentFolder(pipeline, dir);
      expect(edited.updated).toHaveLength(1);
      expect(p.running).toBe(false);
      expect(p.prepared).toEqual({ ...prepared, byCaller: prepared.byCaller + 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
