import { storyIdFromUrl } from '../../domain/story-id.ts';
import type { ParsedStory, Rejection } from '../parsed-story.ts';
import type { FeedDocument, FeedEntry } from './feed-entry.ts';
import {
  cleanBody,
  cleanTitle,
  linkBase,
  linklessId,
  parseFeedDate,
  resolveHttpUrl,
  titleFromBody,
  titleFromUrl,
} from './item-fields.ts';

/** What a feed's stories carry from the feeds file. */
export interface StoryDefaults {
  feedUrl: string;
  name?: string;
  topics: string[];
}

export interface ItemsResult {
  /** Newest first; undated items last, in document order. */
  stories: ParsedStory[];
  rejected: Rejection[];
}

interface Candidate {
  story: ParsedStory;
  guid?: string;
}

/** Turns a parsed feed into stories: cleaned, links resolved, duplicates within it dropped. */
export function feedToStories(feed: FeedDocument, defaults: StoryDefaults): ItemsResult {
  const base = linkBase(defaults.feedUrl, feed.siteUrl, feed.base);
  const candidates: Candidate[] = [];
  const rejected: Rejection[] = [];
  for (const entry of feed.entries) {
    const out = entryToStory(entry, feed, base, defaults);
    if ('reason' in out) rejected.push(out);
    else candidates.push(out);
  }
  const stories = dropDuplicates(sortNewestFirst(candidates), defaults.feedUrl, rejected);
  return { stories, rejected };
}

function entryToStory(
  entry: FeedEntry,
  feed: FeedDocument,
  base: string,
  defaults: StoryDefaults,
): Candidate | Rejection {
  const url = resolveHttpUrl(entry.link, base);
  const paragraphs = cleanBody(entry);
  const given = cleanTitle(entry.title);
  const title = given || titleFromBody(paragraphs) || (url === undefined ? '' : titleFromUrl(url));
  const ref = `${defaults.feedUrl} item ${entry.index + 1}${url === undefined ? '' : ` (${url})`}`;
  if (title === '') return { ref, reason: 'the item is empty: no title, no text and no link' };
  const publishedAt = parseFeedDate(entry.date);
  const content = given || paragraphs.join('\n\n');
  const story: ParsedStory = {
    id:
      url === undefined
        ? linklessId(defaults.feedUrl, entry.guid, content, publishedAt)
        : storyIdFromUrl(url),
    title,
    body: paragraphs.join('\n\n'),
    topics: [...defaults.topics],
    origin: { kind: 'feed', ref: defaults.feedUrl },
  };
  assignOptional(story, {
    url,
    publishedAt,
    source: defaults.name ?? feed.title,
    language: language(feed.language),
  });
  const imageUrl = resolveHttpUrl(entry.imageUrl, base);
  if (imageUrl !== undefined) story.imageUrl = imageUrl;
  return entry.guid === undefined ? { story } : { story, guid: entry.guid };
}

function assignOptional(
  story: ParsedStory,
  fields: {
    url: string | undefined;
    publishedAt: Date | undefined;
    source: string | undefined;
    language: string | undefined;
  },
): void {
  if (fields.url !== undefined) story.url = fields.url;
  if (fields.publishedAt !== undefined) story.publishedAt = fields.publishedAt;
  if (fields.source !== undefined && fields.source.trim() !== '')
    story.source = cleanTitle(fields.source);
  if (fields.language !== undefined) story.language = fields.language;
}

function language(raw: string | undefined): string | undefined {
  const tag = raw?.trim().toLowerCase();
  return tag !== undefined && /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/.test(tag) ? tag : undefined;
}

function sortNewestFirst(candidates: Candidate[]): Candidate[] {
  const time = (c: Candidate) => c.story.publishedAt?.getTime() ?? -Infinity;
  return [...candidates].sort((a, b) => time(b) - time(a));
}

/** Keeps the newest of items sharing a guid or a story id; the others become rejections. */
function dropDuplicates(
  candidates: Candidate[],
  feedUrl: string,
  rejected: Rejection[],
): ParsedStory[] {
  const ids = new Set<string>();
  const guids = new Set<string>();
  const kept: ParsedStory[] = [];
  for (const { story, guid } of candidates) {
    const dupGuid = guid !== undefined && guids.has(guid);
    if (dupGuid || ids.has(story.id)) {
      const what = dupGuid ? `guid ${guid}` : `link ${story.url ?? story.id}`;
      rejected.push({
        ref: `${feedUrl} (${story.title})`,
        reason: `duplicate ${what} within the feed; kept the newest`,
      });
      continue;
    }
    ids.add(story.id);
    if (guid !== undefined) guids.add(guid);
    kept.push(story);
  }
  return kept;
}
