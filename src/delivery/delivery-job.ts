import type { OutboxRow } from '../domain/outbox.ts';
import { toCard, type Reply } from '../domain/reply.ts';
import type { Story } from '../domain/story.ts';
import type { StoryStore } from '../store/story-store.ts';
import { digestHeading } from './chat-posts.ts';

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

/** Builds the message: one card, or for digest rows one `cards` reply of the batch. */
export async function jobContent(
  stories: Pick<StoryStore, 'getStory'>,
  job: DeliveryJob,
): Promise<JobContent> {
  const found: { row: OutboxRow; story: Story }[] = [];
  const missing: OutboxRow[] = [];
  for (const row of job.rows) {
    const story = await stories.getStory(row.storyId);
    if (story === undefined) missing.push(row);
    else found.push({ row, story });
  }
  const rows = found.map((f) => f.row);
  const reply = replyFor(
    found.map((f) => f.story),
    job.rows.some((r) => r.digestAt !== undefined),
  );
  return reply === undefined ? { rows, missing } : { reply, rows, missing };
}

function replyFor(stories: Story[], digest: boolean): Reply | undefined {
  const [first] = stories;
  if (first === undefined) return undefined;
  if (!digest) return { kind: 'card', card: toCard(first) };
  return {
    kind: 'cards',
    heading: digestHeading('en', stories.length),
    cards: stories.map((story, i) => toCard(story, i + 1)),
  };
}
