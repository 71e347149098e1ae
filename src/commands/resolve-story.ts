import type { Translate } from '../domain/i18n.ts';
import { REPLY_LIMITS } from '../domain/reply.ts';
import { storyIdFromUrl } from '../domain/story-id.ts';
import type { Story } from '../domain/story.ts';
import type { Target } from '../domain/subscription.ts';
import type { StoryStore } from '../store/story-store.ts';
import type { ListingMemory } from './listing-memory.ts';

/**
 * How a `<story>` argument was understood: `words` is the best search match; `latest` a number
 * taken from the latest stories because this chat has no list (yet, or since a restart).
 */
export type StoryLookup =
  | { ok: true; story: Story; how: 'id' | 'number' | 'url' | 'words' }
  | { ok: true; story: Story; how: 'latest'; position: number }
  | { ok: false; message: string };

export interface ResolveDeps {
  stories: Pick<StoryStore, 'getStory' | 'searchStories' | 'latestStories'>;
  listings: ListingMemory;
  /** The chat's language, for the reasons a story was not found. */
  t: Translate;
}

const LISTING_NUMBER = /^#?(\d{1,2})$/;
const STORY_ID = /^[0-9a-f]{12}$/i;
const URL_START = /^https?:\/\//i;

/**
 * Finds the story a user means: a link, the number beside it in this chat's last list, its id,
 * or else the best search match for the words.
 */
export async function resolveStory(
  deps: ResolveDeps,
  target: Target,
  reference: string,
): Promise<StoryLookup> {
  const ref = reference.replace(/^[<"'“‘]+|[>"'”’]+$/gu, '').trim();
  if (URL_START.test(ref)) return byUrl(deps, ref);
  const number = LISTING_NUMBER.exec(ref)?.[1];
  if (number !== undefined) return byNumber(deps, target, Number(number));
  if (!/\s/.test(ref) && ref.length <= 200) {
    const story = await deps.stories.getStory(STORY_ID.test(ref) ? ref.toLowerCase() : ref);
    if (story !== undefined) return { ok: true, story, how: 'id' };
    if (STORY_ID.test(ref)) return { ok: false, message: deps.t('resolve.noId') };
  }
  return byWords(deps, ref);
}

async function byUrl(deps: ResolveDeps, url: string): Promise<StoryLookup> {
  const story = await deps.stories.getStory(storyIdFromUrl(url));
  return story === undefined
    ? { ok: false, message: deps.t('resolve.noLink') }
    : { ok: true, story, how: 'url' };
}

async function byNumber(deps: ResolveDeps, target: Target, n: number): Promise<StoryLookup> {
  const ids = deps.listings.recall(target);
  if (ids === undefined) return byLatestNumber(deps, n);
  const id = ids[n - 1];
  if (id === undefined) {
    const message =
      ids.length === 1
        ? deps.t('resolve.onlyOne', { n })
        : deps.t('resolve.range', { count: ids.length, n });
    return { ok: false, message };
  }
  const story = await deps.stories.getStory(id);
  return story === undefined
    ? { ok: false, message: deps.t('resolve.gone', { n }) }
    : { ok: true, story, how: 'number' };
}

async function byWords(deps: ResolveDeps, words: string): Promise<StoryLookup> {
  const [hit] = await deps.stories.searchStories(words, 1);
  return hit === undefined
    ? { ok: false, message: deps.t('resolve.noMatch') }
    : { ok: true, story: hit.story, how: 'words' };
}

/** With no list in this chat, number n is the n-th of the latest stories (and named so). */
async function byLatestNumber(deps: ResolveDeps, n: number): Promise<StoryLookup> {
  if (n < 1 || n > REPLY_LIMITS.cards) {
    return { ok: false, message: deps.t('resolve.number', { max: REPLY_LIMITS.cards }) };
  }
  const latest = await deps.stories.latestStories({ limit: n });
  const story = latest[n - 1];
  return story === undefined
    ? { ok: false, message: deps.t('resolve.onlyLatest', { count: latest.length }) }
    : { ok: true, story, how: 'latest', position: n };
}
