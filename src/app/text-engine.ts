import { availableParallelism } from 'node:os';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { garbageSchedule } from '../domain/collect-garbage.ts';
import type { Log } from '../domain/log.ts';
import type { StoryStore } from '../store/story-store.ts';
import { createTextEngine, type TextEngine } from '../text/engine.ts';
import { createThreadedPreparer } from './threaded-preparer.ts';

/**
 * Stories read per page while building the index at start: a small page dies young (1,000 a
 * page got whole pages promoted to the old space, and the peak RSS at 100,000 stories rose
 * by about 130 MB).
 */
const PAGE = 20;

export interface EngineFromStoreOptions {
  textThread?: boolean;
  log?: Log;
  /** Called after each page is indexed: how many of the stored stories are done. */
  onProgress?: (done: number, total: number) => void;
}

/** The index build of `startEngineFromStore`, going on while the process answers. */
export interface IndexBuild {
  /** Resolves once every story stored at start is indexed (also when stopped or failed). */
  readonly done: Promise<void>;
  /** Whether every story stored at start is indexed. */
  complete(): boolean;
  /** Stories indexed so far, of those stored at start. */
  progress(): { indexed: number; total: number };
  /**
   * The related stories of `id` now: exact once the build is complete; before, from the
   * stories indexed so far, `id` itself indexed first if the build has not reached it.
   */
  related(id: string, k: number): Promise<string[]>;
  /** Stops the build (shutdown); `done` then resolves. */
  stop(): void;
}

/**
 * A text engine holding every stored story: built at start, then updated by the ingest.
 * `textThread`: prepare texts in a thread of their own while ingesting (see `hasSpareCore`);
 * `log` hears of that thread's failure.
 */
export async function createEngineFromStore(
  stories: StoryStore,
  options: EngineFromStoreOptions = {},
): Promise<TextEngine> {
  const { engine, build } = await startEngineFromStore(stories, {
    ...options,
    foregroundMs: Infinity,
  });
  await build.done;
  return engine;
}

/**
 * The engine at once, its index built page by page: for `foregroundMs` before this resolves
 * (a small store is then complete), then between other work, yielding to the event loop after
 * each page so that `herald start` answers while a large store is read (issue 23 point 1).
 * Whatever uses the index to decide (the ingest: near-duplicates, keyword statistics) must
 * wait for `build.done`; `build.related` answers at once.
 */
export async function startEngineFromStore(
  stories: StoryStore,
  options: EngineFromStoreOptions & { foregroundMs: number },
): Promise<{ engine: TextEngine; build: IndexBuild }> {
  // Room for what is stored and an eighth more at once: growing the indexes story by story
  // copies their arrays each time and leaves the old ones as freed, fragmented memory.
  const total = await stories.countStories();
  const engine = createTextEngine({
    capacity: Math.ceil(total * 1.125),
    ...(options.textThread === true ? { preparer: createThreadedPreparer(options) } : {}),
  });
  let indexed = 0;
  let finished = false;
  let stopped = false;
  const started = performance.now();
  // The build's garbage reached 4x its live heap (200 MB at 100,000) between V8's own; its
  // live heap grows all the way, and the memory at start is a goal: every 2,000 stories.
  const collect = garbageSchedule({ every: 2_000, limit: () => 0 });
  let foreground: () => void = () => undefined;
  const inForeground = new Promise<void>((resolve) => {
    foreground = resolve;
  });
  const halted = () => stopped;
  const run = async () => {
    let after = 0;
    for (;;) {
      if (halted()) return;
      if (performance.now() - started >= options.foregroundMs) {
        foreground();
        await yieldToEvents();
        if (halted()) return;
      }
      const page = await stories.allStories(after, PAGE);
      if (page.stories.length === 0) {
        finished = true;
        return;
      }
      for (const story of page.stories) engine.index(story);
      indexed += page.stories.length;
      options.onProgress?.(Math.min(indexed, total), total);
      collect(page.stories.length);
      after = page.lastRowId;
    }
  };
  const done = run()
    .catch((err: unknown) => {
      if (!stopped) options.log?.error({ err }, 'building the text index failed');
      if (options.foregroundMs === Infinity) throw err;
    })
    .finally(foreground);
  if (options.foregroundMs === Infinity) await done;
  else await Promise.race([inForeground, done]);
  const build: IndexBuild = {
    done: done.catch(() => undefined),
    complete: () => finished,
    progress: () => ({ indexed: Math.min(indexed, total), total }),
    related: async (id, k) => {
      if (!finished && !engine.has(id)) {
        const story = await stories.getStory(id);
        if (story !== undefined && !engine.has(id)) engine.index(story);
      }
      return engine.related(id, k);
    },
    stop: () => {
      stopped = true;
    },
  };
  return { engine, build };
}

/** Whether a second core can run the ingest's text thread (it only helps where one exists). */
export function hasSpareCore(): boolean {
  return availableParallelism() > 1;
}
