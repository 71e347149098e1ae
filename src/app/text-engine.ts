import { availableParallelism } from 'node:os';
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

/**
 * A text engine holding every stored story: built at start, then updated by the ingest.
 * `textThread`: prepare texts in a thread of their own while ingesting (see `hasSpareCore`);
 * `log` hears of that thread's failure.
 */
export async function createEngineFromStore(
  stories: StoryStore,
  options: {
    textThread?: boolean;
    log?: Log;
    /** Called after each page is indexed: how many of the stored stories are done. */
    onProgress?: (done: number, total: number) => void;
  } = {},
): Promise<TextEngine> {
  // Room for what is stored and an eighth more at once: growing the indexes story by story
  // copies their arrays each time and leaves the old ones as freed, fragmented memory.
  const stored = await stories.countStories();
  const engine = createTextEngine({
    capacity: Math.ceil(stored * 1.125),
    ...(options.textThread === true ? { preparer: createThreadedPreparer(options) } : {}),
  });
  let after = 0;
  let indexed = 0;
  // The build's garbage reached 4x its live heap (200 MB at 100,000) between V8's own.
  const collect = garbageSchedule();
  for (;;) {
    const page = await stories.allStories(after, PAGE);
    if (page.stories.length === 0) return engine;
    for (const story of page.stories) engine.index(story);
    indexed += page.stories.length;
    options.onProgress?.(Math.min(indexed, stored), stored);
    collect(page.stories.length);
    after = page.lastRowId;
  }
}

/** Whether a second core can run the ingest's text thread (it only helps where one exists). */
export function hasSpareCore(): boolean {
  return availableParallelism() > 1;
}
