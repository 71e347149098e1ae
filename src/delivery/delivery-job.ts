import type { OutboxRow } from '../domain/outbox.ts';
import { toCard, type Reply } from '../domain/reply.ts';
import type { Story } from '../domain/story.ts';
import type { StoryStore } from '../store/story-store.ts';
import type { EventReader } from './event-delivery.ts';
import { digestHeading } from './chat-posts.ts';
import { batchParts, type BatchEntry, type BatchPart } from './batch.ts';

/** Rows claimed together that go out as one message (one row, or a digest batch). */
export interface DeliveryJob {
  owner: string;
  subscriptionId: string;
  rows: OutboxRow[];
}

export interface JobContent {
  /** Undefined when none of the stories exists any more. */
  reply?: Reply;
  /** Rows the message carries. */
  rows: OutboxRow[];
  /** Rows whose story is gone. */
  missing: OutboxRow[];
}

export const ids = (rows: readonly OutboxRow[]): number[] => rows.map((r) => r.id);

/**
 * Builds the message: one card, or for digest rows one `cards` reply of the batch, one entry
 * per event (its first story here, with the number of outlets that reported it).
 */
export async function jobContent(
  stories: Pick<StoryStore, 'getStory'>,
  job: DeliveryJob,
  events?: EventReader,
): Promise<JobContent> {
  const found: { row: OutboxRow; story: Story }[] = [];
  const missing: OutboxRow[] = [];
  for (const row of job.rows) {
    const story = await stories.getStory(row.storyId);
    if (story === undefined) missing.push(row);
    else found.push({ row, story });
  }
  const rows = found.map((f) => f.row);
  const digest = job.rows.some((r) => r.digestAt !== undefined);
  const entries = digest
    ? await byEvent(
        found.map((f) => f.story),
        events,
      )
    : found.map((f) => ({ story: f.story, outlets: 1 }));
  const reply = replyFor(entries, digest);
  return reply === undefined ? { rows, missing } : { reply, rows, missing };
}

interface Entry {
  story: Story;
  outlets: number;
}

/** One entry per event, in the order of its first story here. */
async function byEvent(stories: Story[], events: EventReader | undefined): Promise<Entry[]> {
  const entries = new Map<string, Entry>();
  for (const story of stories) {
    const event = await events?.eventOf(story.id);
    const key = event?.id ?? `story ${story.id}`;
    if (!entries.has(key)) entries.set(key, { story, outlets: event?.outlets ?? 1 });
  }
  return [...entries.values()];
}

function replyFor(entries: Entry[], digest: boolean): Reply | undefined {
  const [first] = entries;
  if (first === undefined) return undefined;
  if (!digest) return { kind: 'card', card: toCard(first.story) };
  return {
    kind: 'cards',
    heading: digestHeading('en', entries.length),
    cards: entries.map((e, i) => toCard(e.story, i + 1, e.outlets)),
  };
}

/** A batch's messages (batch.ts), and the rows whose story is gone. */
export async function batchContent(
  stories: Pick<StoryStore, 'getStory'>,
  rows: readonly OutboxRow[],
  together: boolean,
  language?: string,
): Promise<{ parts: BatchPart[]; missing: OutboxRow[] }> {
  const found: BatchEntry[] = [];
  const missing: OutboxRow[] = [];
  for (const row of rows) {
    const story = await stories.getStory(row.storyId);
    if (story === undefined) missing.push(row);
    else found.push({ row, story });
  }
  return { parts: batchParts(found, together, language), missing };
}
