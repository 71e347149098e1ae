import { alsoReportedLines } from '../cross-language.ts';
import { summarizeEvent } from '../../text/summarize-event.ts';
import type { Reply } from '../../domain/reply.ts';
import { REPLY_LIMITS, toCard } from '../../domain/reply.ts';
import type { Story } from '../../domain/story.ts';
import type { Run } from '../deps.ts';
import { listing, listingFooter, notice, usageError } from '../replies.ts';
import { resolveStory, type StoryLookup } from '../resolve-story.ts';
import { quote } from '../text.ts';

/** `latest [n] [topic]`: the newest stories, numbered. */
export async function latest(run: Run, count: number, topic: string | undefined): Promise<Reply> {
  const known = topic === undefined ? undefined : await knownTopic(run, topic);
  if (topic !== undefined && known === undefined) {
    const named = quote(topic, run.limits.echoChars);
    return usageError(run.t, 'latest', run.t('stories.unknownTopic', { topic: named }));
  }
  const stories = await run.deps.stories.latestStories({
    limit: count,
    ...(known === undefined ? {} : { topic: known }),
  });
  if (stories.length === 0) return notice(run.t('stories.none'));
  const heading =
    known === undefined ? run.t('stories.latest') : run.t('stories.latestIn', { topic: known });
  return remembered(run, heading, stories);
}

/** The topic's own spelling when some story carries it (case-insensitive), else undefined. */
export async function knownTopic(run: Run, topic: string): Promise<string | undefined> {
  const lower = topic.toLowerCase();
  const counts = await run.deps.stories.topicCounts();
  return counts.find((c) => c.topic.toLowerCase() === lower)?.topic;
}

/** `search <words>`: the best matches, numbered. */
export async function search(run: Run, words: string): Promise<Reply> {
  const hits = await run.deps.stories.searchStories(words, run.limits.searchResults);
  const quoted = quote(words, run.limits.echoChars);
  if (hits.length === 0) return notice(run.t('stories.nothingFound', { words: quoted }));
  return remembered(
    run,
    run.t('stories.resultsFor', { words: quoted }),
    hits.map((h) => h.story),
  );
}

/** `summary <story>`: the story's card, which carries its summary. */
export async function summary(run: Run, reference: string): Promise<Reply> {
  const found = await lookup(run, reference);
  if (!found.ok) return usageError(run.t, 'summary', found.message);
  const heading = bestMatchHeading(run, found, reference);
  const badges = await run.deps.events.badges([found.story.id]);
  const outlets = badges.get(found.story.id)?.outlets;
  const card = toCard(found.story, undefined, outlets);
  if (outlets !== undefined && outlets > 1) card.summary = await eventSummary(run, found.story);
  return { kind: 'card', card, ...(heading === undefined ? {} : { heading }) };
}

/**
 * The summary of a story whose event several outlets reported: sentences drawn from all the
 * reports, none saying what another says, each with its outlet (summarizeEvent, ADR 0026).
 */
async function eventSummary(run: Run, story: Story): Promise<string[]> {
  const event = await run.deps.events.eventOf(story.id);
  const ids = event?.reports.map((r) => r.storyId) ?? [story.id];
  const stories = await Promise.all(ids.map((id) => run.deps.stories.getStory(id)));
  const reports = stories
    .filter((s): s is Story => s !== undefined)
    .map((s) => ({ source: s.source, title: s.title, text: s.body }));
  const sentences = summarizeEvent(reports, { language: story.language });
  if (sentences.length === 0) return story.summary;
  return sentences.map((s) => `${s.sentence} (${s.source})`);
}

/** `related <story>`: other events about the same thing (a story of each), numbered. */
export async function related(run: Run, reference: string): Promise<Reply> {
  const found = await lookup(run, reference);
  if (!found.ok) return usageError(run.t, 'related', found.message);
  const stories = await relatedStories(run, found.story);
  const title = quote(found.story.title, run.limits.echoChars);
  const match = bestMatchHeading(run, found, reference);
  const about = match === undefined ? title : `${title} (${lowerFirst(match)})`;
  const also = await alsoReportedLines(run, found.story);
  if (stories.length === 0)
    return notice([run.t('stories.noRelated', { about }), ...also].join('\n'));
  return remembered(run, [run.t('stories.relatedTo', { about }), ...also].join('\n'), stories);
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

function lookup(run: Run, reference: string): Promise<StoryLookup> {
  return resolveStory(
    { stories: run.deps.stories, listings: run.listings, t: run.t },
    run.context.target,
    reference,
  );
}

/** Says how a reference was understood when it was a guess: a search, or a latest number. */
function bestMatchHeading(run: Run, found: StoryLookup, reference: string): string | undefined {
  if (!found.ok) return undefined;
  if (found.how === 'words') {
    return run.t('stories.bestMatch', { words: quote(reference, run.limits.echoChars) });
  }
  if (found.how === 'latest') return run.t('stories.latestNumber', { position: found.position });
  return undefined;
}

/** Related stories asked of the index per one shown: reports of one event come together. */
const RELATED_LOOKAHEAD = 4;

/**
 * The best related story of each other event: reports of the story's own event, and further
 * reports of an event already listed, are left out; the list keeps its length where the index
 * has that many other events.
 */
async function relatedStories(run: Run, story: Story): Promise<Story[]> {
  const k = run.limits.relatedResults;
  const ids = await run.deps.related.related(story.id, k * RELATED_LOOKAHEAD + 1);
  const unique = [...new Set(ids)].filter((id) => id !== story.id);
  const badges = await run.deps.events.badges([story.id, ...unique]);
  const events = new Set<string>();
  const own = badges.get(story.id)?.eventId;
  if (own !== undefined) events.add(own);
  const picked: string[] = [];
  for (const id of unique) {
    const event = badges.get(id)?.eventId;
    if (event !== undefined && events.has(event)) continue;
    if (event !== undefined) events.add(event);
    picked.push(id);
    if (picked.length === k) break;
  }
  const stories = await Promise.all(picked.map((id) => run.deps.stories.getStory(id)));
  return stories.filter((s): s is Story => s !== undefined);
}

async function remembered(run: Run, heading: string, all: Story[]): Promise<Reply> {
  const stories = all.slice(0, REPLY_LIMITS.cards);
  run.listings.remember(
    run.context.target,
    stories.map((s) => s.id),
  );
  const badges = await run.deps.events.badges(stories.map((s) => s.id));
  const outlets = stories.map((s) => badges.get(s.id)?.outlets);
  return listing(heading, stories, listingFooter(run.t), outlets);
}
