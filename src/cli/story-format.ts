import { shownDate } from '../domain/reply.ts';
import type { Story } from '../domain/story.ts';
import type { IngestReport } from '../ingest/pipeline.ts';

/** One line per story: id, date, title and source. */
export function formatStoryLine(story: Story): string {
  const date = story.publishedAt.toISOString().slice(0, 16).replace('T', ' ');
  return `${story.id}  ${shownDate(story, date)}  ${story.title}  (${story.source})`;
}

/** A whole story as plain text. */
export function formatStory(story: Story): string {
  const meta = [
    `id: ${story.id}`,
    `source: ${story.source}${story.section === undefined ? '' : ` / ${story.section}`}`,
    `published: ${shownDate(story, story.publishedAt.toISOString())}`,
    `language: ${story.language}`,
    ...(story.url === undefined ? [] : [`url: ${story.url}`]),
    ...(story.topics.length === 0 ? [] : [`topics: ${story.topics.join(', ')}`]),
    ...(story.keywords.length === 0 ? [] : [`keywords: ${story.keywords.join(', ')}`]),
    ...(story.entities.length === 0 ? [] : [`names: ${story.entities.join(', ')}`]),
    ...(story.duplicateOf === undefined ? [] : [`repeats: ${story.duplicateOf}`]),
  ];
  return [story.title, '', ...meta, '', story.body].join('\n');
}

/** The fields a script wants; `full` adds the body and the text enrichment. */
export function storyJson(story: Story, full: boolean) {
  const head = {
    id: story.id,
    title: story.title,
    source: story.source,
    publishedAt: story.publishedAt.toISOString(),
    url: story.url ?? null,
    topics: story.topics,
  };
  if (!full) return head;
  return {
    ...head,
    section: story.section ?? null,
    dateEstimated: story.dateEstimated,
    language: story.language,
    imageUrl: story.imageUrl ?? null,
    body: story.body,
    summary: story.summary,
    keywords: story.keywords,
    entities: story.entities,
    duplicateOf: story.duplicateOf ?? null,
    contentHash: story.contentHash,
    fingerprint: story.fingerprint ?? null,
    ingestedAt: story.ingestedAt.toISOString(),
    updatedAt: story.updatedAt.toISOString(),
  };
}

/**
 * The ingest report as a person reads it: a summary, every rejected file with its reason,
 * and with `verbose` every story added, updated or found to repeat another.
 */
export function formatReport(report: IngestReport, dir: string, verbose = false): string {
  const counts = `${report.added.length} added, ${report.updated.length} updated, ${report.unchanged} unchanged, ${report.duplicates.length} duplicates, ${report.rejected.length} rejected`;
  const announced = report.added.length - report.quiet;
  const quiet =
    report.quiet > 0 ? [`announced: the newest ${announced}; ${report.quiet} stored quietly`] : [];
  const stories = verbose
    ? [
        ...report.added.map((s) => `  + ${s.id}  ${s.title}`),
        ...report.updated.map((s) => `  ~ ${s.id}  ${s.title}`),
        ...report.duplicates.map((d) => `  = ${d.story.id}  ${d.story.title} (repeats ${d.of})`),
      ]
    : [];
  return [
    `ingested ${dir}: ${counts}`,
    ...quiet,
    ...stories,
    ...report.rejected.map((r) => `  ! ${r.ref}: ${r.reason}`),
  ].join('\n');
}
