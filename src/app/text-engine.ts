import type { TextEngine } from '../ingest/text-engine.ts';
import type { StoryStore } from '../store/story-store.ts';
import { createTextEngine } from '../text/engine.ts';

const PAGE = 1_000;

/** A text engine holding every stored story: built at start, then updated by the ingest. */
export async function createEngineFromStore(stories: StoryStore): Promise<TextEngine> {
  const engine = createTextEngine();
  let after = 0;
  for (;;) {
    const page = await stories.allStories(after, PAGE);
    if (page.stories.length === 0) return engine;
    for (const story of page.stories) engine.index(story);
    after = page.lastRowId;
  }
}
