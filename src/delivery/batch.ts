import { translate } from '../domain/i18n.ts';
import type { OutboxRow } from '../domain/outbox.ts';
import { REPLY_LIMITS, toCard, type Reply, type StoryCard } from '../domain/reply.ts';
import type { Story } from '../domain/story.ts';

/*
 * Stories per second, not messages per second (ADR 0029): the instant posts that waited for
 * one chat together go as one message, the first story's card and a numbered list of the
 * others, split into several messages when they would not fit in one.
 */

/** A post of a batch: its row, its story, and how many outlets reported its event. */
export interface BatchEntry {
  row: OutboxRow;
  story: Story;
  outlets?: number;
}

/** One message of a batch: the rows it carries and what it says. */
export interface BatchPart {
  rows: OutboxRow[];
  reply: Reply;
}

/**
 * The messages that carry these posts, in order: as many stories in each as fit in
 * REPLY_LIMITS.batchChars (one story: its full card, as ever). `together` false (the
 * subscription's `batch off`): one message each.
 */
export function batchParts(
  entries: readonly BatchEntry[],
  together: boolean,
  language?: string,
): BatchPart[] {
  const groups: BatchEntry[][] = [];
  let chars = 0;
  for (const entry of entries) {
    const current = groups.at(-1);
    const cost = entryChars(toCard(entry.story), current === undefined || current.length === 0);
    if (current !== undefined && together && chars + cost <= REPLY_LIMITS.batchChars) {
      current.push(entry);
      chars += cost;
    } else {
      groups.push([entry]);
      chars = entryChars(toCard(entry.story), true);
    }
  }
  return groups.map((group) => ({
    rows: group.map((e) => e.row),
    reply: batchReply(group, language),
  }));
}

/** One story: its full card; several: the first one's card and the list (`lead`). */
export function batchReply(entries: readonly BatchEntry[], language?: string): Reply {
  const one = entries.length === 1;
  const cards = entries.map((e, i) => toCard(e.story, one ? undefined : i + 1, e.outlets));
  const [only] = cards;
  if (one && only !== undefined) return { kind: 'card', card: only };
  const heading = translate(language, 'batch.heading', { count: cards.length });
  return { kind: 'cards', lead: true, heading, cards };
}

/**
 * What a story adds to a batch message at most, counted generously: the lead's title, first
 * summary sentence (or excerpt), link, source and topics; a list line's title, link and source;
 * each with room for the date, the number and the markup.
 */
export function entryChars(card: StoryCard, lead: boolean): number {
  const link = card.url?.length ?? 0;
  const line = card.title.length + link + card.source.length + 80;
  if (!lead) return line;
  const body = card.summary[0] ?? card.excerpt;
  return line + body.length + card.topics.join(', ').length + 120;
}
