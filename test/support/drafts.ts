import { contentHash, storyIdFromUrl } from '../../src/domain/story-id.ts';
import type { StoryDraft } from '../../src/domain/story.ts';

let counter = 0;

/** A valid StoryDraft; every field may be overridden. The content hash follows title and body. */
export function makeDraft(overrides: Partial<StoryDraft> = {}): StoryDraft {
  counter += 1;
  const url = overrides.url ?? `https://news.example/story-${counter}`;
  const title = overrides.title ?? `Story number ${counter}`;
  const body = overrides.body ?? `The body of story ${counter}.\n\nA second paragraph.`;
  return {
    id: storyIdFromUrl(url),
    url,
    source: 'Example News',
    topics: [],
    publishedAt: new Date(Date.UTC(2026, 0, 1, 0, counter)),
    dateEstimated: false,
    language: 'en',
    keywords: [],
    entities: [],
    summary: [],
    origin: { kind: 'feed', ref: 'https://news.example/feed.xml' },
    ...overrides,
    title,
    body,
    contentHash: contentHash(title, body),
  };
}
