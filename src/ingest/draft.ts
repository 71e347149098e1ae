import { canonicalUrl, contentHash } from '../domain/story-id.ts';
import type { StoryDraft } from '../domain/story.ts';
import type { ParsedStory } from './parsed-story.ts';
import type { Enrichment } from '../text/engine.ts';
import { storyFeatures, type StoryFeatures } from '../text/events/features.ts';
import type { PreparedText, TextInput } from '../text/prepared-text.ts';
import { readStory } from '../text/story-text.ts';

export interface DraftSettings {
  sourceName: string;
  language: string;
  /** A date further ahead of the ingest time than this is clamped to the ingest time. */
  maxFutureSkewMs: number;
}

export interface SettledDate {
  publishedAt: Date;
  dateEstimated: boolean;
  /** Set when a future date was clamped: the date the source gave. */
  clampedFrom?: Date;
}

/**
 * A missing date becomes the ingest time (marked); a date far in the future is clamped to it,
 * or, for a story stored before (`stored`: its date then), to the time it was clamped to first:
 * clamped again on each ingest, it would move to each ingest's time.
 */
export function settleDate(
  given: Date | undefined,
  now: Date,
  maxFutureSkewMs: number,
  stored?: Date,
): SettledDate {
  if (given === undefined || Number.isNaN(given.getTime())) {
    return { publishedAt: now, dateEstimated: true };
  }
  if (given.getTime() - now.getTime() > maxFutureSkewMs) {
    return { publishedAt: stored ?? now, dateEstimated: false, clampedFrom: given };
  }
  return { publishedAt: given, dateEstimated: false };
}

/** The StoryDraft for a parsed story, with its dates settled and its enrichment applied. */
export function toDraft(
  parsed: ParsedStory,
  date: SettledDate,
  enrichment: Enrichment,
  settings: DraftSettings,
): StoryDraft {
  return {
    id: parsed.id,
    title: parsed.title,
    body: parsed.body,
    ...(parsed.url === undefined ? {} : { url: canonicalUrl(parsed.url) ?? parsed.url }),
    source: parsed.source ?? settings.sourceName,
    ...(parsed.section === undefined ? {} : { section: parsed.section }),
    topics: dedupeTopics(parsed.topics),
    publishedAt: date.publishedAt,
    dateEstimated: date.dateEstimated,
    language: parsed.language ?? enrichment.language ?? settings.language,
    ...(parsed.imageUrl === undefined ? {} : { imageUrl: parsed.imageUrl }),
    contentHash: enrichment.contentHash ?? contentHash(parsed.title, parsed.body),
    fingerprint: enrichment.fingerprint,
    keywords: enrichment.keywords,
    entities: enrichment.entities,
    summary: enrichment.summary,
    origin: parsed.origin,
  };
}

/**
 * A parsed story's text for the text work, which reads it in the language its feed or front
 * matter gives, else the one its text shows (`detectLanguage`), else the configured one.
 */
export function textInput(parsed: ParsedStory, settings: DraftSettings): TextInput {
  const { title, body, language } = parsed;
  return {
    title,
    body,
    ...(language === undefined ? {} : { language }),
    defaultLanguage: settings.language,
  };
}

/** Topics are kept as given (trimmed), without case-insensitive repeats. */
function dedupeTopics(topics: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const topic of topics.map((t) => t.trim()).filter((t) => t.length > 0)) {
    if (seen.has(topic.toLowerCase())) continue;
    seen.add(topic.toLowerCase());
    out.push(topic);
  }
  return out;
}

/**
 * What the event assignment reads of a story (src/text/events): from its prepared text (its
 * word counts and all its names) when it was prepared in this ingest, else read again from the
 * draft (a story stored before events were kept, coming again unchanged).
 */
export function eventFeatures(draft: StoryDraft, text: PreparedText | undefined): StoryFeatures {
  const read = text ?? readStory(draft.title, draft.body, draft.entities, draft.language);
  return storyFeatures({
    id: draft.id,
    title: draft.title,
    body: draft.body,
    entities: read.entities,
    counts: read.counts,
    source: draft.source,
    ...(draft.fingerprint === undefined ? {} : { fingerprint: draft.fingerprint }),
    ...(draft.dateEstimated ? {} : { publishedAt: draft.publishedAt }),
  });
}
