import { DEFAULT_FORMAT, type PostFormat, type PreviewRenderer } from '../domain/post-format.ts';
import { toCard } from '../domain/reply.ts';
import type { Story } from '../domain/story.ts';
import type { Subscription } from '../domain/subscription.ts';
import type { PostFormatStore } from '../store/post-format-store.ts';
import type { StoryStore } from '../store/story-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import { applyFormat, validateFormat } from './post-format.ts';

/*
 * The operator's post-format use cases, shared by the CLI (`herald subscription format`) and
 * the web panel: one validation, one preview.
 */

interface Stores {
  subscriptions: Pick<SubscriptionStore, 'getSubscription'>;
  postFormats: PostFormatStore;
}

export type FormatOutcome =
  { ok: true; subscription: Subscription; format: PostFormat } | { ok: false; problems: string[] };

/** The subscription's format (the default card when none is saved). */
export async function currentFormat(stores: Stores, id: string): Promise<PostFormat> {
  return (await stores.postFormats.getFormat(id))?.format ?? DEFAULT_FORMAT;
}

/** Validates the format for the subscription's platform and saves it, with who saved it. */
export async function saveFormat(
  stores: Stores,
  id: string,
  input: unknown,
  who: string,
  now: Date,
): Promise<FormatOutcome> {
  const subscription = await stores.subscriptions.getSubscription(id);
  if (subscription === undefined)
    return { ok: false, problems: [`no subscription with id "${id}"`] };
  const checked = validateFormat(input, subscription.target.platform);
  if (!checked.ok) return checked;
  await stores.postFormats.saveFormat({
    subscriptionId: id,
    format: checked.format,
    updatedBy: who,
    updatedAt: now,
  });
  return { ok: true, subscription, format: checked.format };
}

/** The subscription's posts go back to the default card. */
export function resetFormat(stores: Stores, id: string): Promise<boolean> {
  return stores.postFormats.removeFormat(id);
}

/** A sample story to preview with: the latest one stored, or a made-up one in an empty store. */
export async function sampleStory(
  stories: Pick<StoryStore, 'latestStories'>,
  now: Date,
): Promise<Story> {
  const [latest] = await stories.latestStories({ limit: 1 });
  return latest ?? exampleStory(now);
}

/** What the platform would be sent for `story` in `format`, by the platform's own renderer. */
export function previewPost(
  render: PreviewRenderer,
  platform: Subscription['target']['platform'],
  format: PostFormat,
  story: Story,
): Promise<string> {
  return render(platform, applyFormat({ kind: 'card', card: toCard(story) }, format));
}

function exampleStory(now: Date): Story {
  return {
    id: 'example',
    title: 'Council approves the new river bridge',
    body: 'The city council voted seven to two for the new river bridge on Tuesday.',
    url: 'https://news.example.org/bridge',
    source: 'Example News',
    topics: ['local', 'transport'],
    publishedAt: now,
    dateEstimated: false,
    language: 'en',
    contentHash: '0'.repeat(64),
    keywords: ['bridge', 'council'],
    entities: ['City Council'],
    summary: ['The city council voted seven to two for the new river bridge on Tuesday.'],
    origin: { kind: 'content', ref: 'example.md' },
    ingestedAt: now,
    updatedAt: now,
  };
}
