import type { Clock } from '../domain/clock.ts';
import type { Story } from '../domain/story.ts';
import type { StoryStore } from '../store/story-store.ts';

type StoryReader = Pick<StoryStore, 'getStory'>;

/**
 * A fan-out sends one story to many chats: read it once a second, not once a send. Only found
 * stories are kept (a deleted one is missed at most `ttlMs` late, the same as a send just
 * before the deletion); at most `max` entries.
 */
export function cachedStories(stories: StoryReader, clock: Clock, ttlMs = 1000, max = 256) {
  const cache = new Map<string, { story: Story; until: number }>();
  const getStory = async (id: string): Promise<Story | undefined> => {
    const now = clock.now().getTime();
    const hit = cache.get(id);
    if (hit !== undefined && hit.until > now) return hit.story;
    const story = await stories.getStory(id);
    if (story === undefined) {
      cache.delete(id);
      return undefined;
    }
    if (cache.size >= max) cache.clear();
    cache.set(id, { story, until: now + ttlMs });
    return story;
  };
  return { getStory } satisfies StoryReader;
}
