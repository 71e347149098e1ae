import type { Command } from 'commander';
import type { Story } from '../domain/story.ts';
import type { CliContext } from '../app/context.ts';
import { withCliContext } from './lazy-context.ts';
import type { AnnouncePolicy } from '../ingest/announce-policy.ts';
import type { IngestReport } from '../ingest/pipeline.ts';
import type { CliDeps } from './cli-deps.ts';
import { formatReport, formatStory, formatStoryLine, storyJson } from './story-format.ts';
import { parsePositiveInt, UsageError } from './usage-error.ts';

/** `herald ingest | stories | show | search | summary | related`. */
export function registerStoryCommands(program: Command, deps: CliDeps): void {
  const run = <T>(work: (c: CliContext) => Promise<T>) => withCliContext(deps.env, work);
  program
    .command('ingest')
    .description('read the content folder into the store; print added/updated/unchanged/rejected')
    .option('--json', 'print the report as JSON')
    .option('--strict', 'exit 1 when any file was rejected')
    .option(
      '--verbose',
      'list every story added, updated or repeating another (rejected files are always listed)',
    )
    .option(
      '--announce <which>',
      'which new stories to announce: all, none, or the newest <n> (default: all, but only the newest CONTENT_FIRST_ANNOUNCE into an empty store or past CONTENT_FLOOD_THRESHOLD new)',
    )
    .action((opts: { json?: boolean; strict?: boolean; verbose?: boolean; announce?: string }) =>
      run(async (c) => {
        const report = await ingestContent(c, await announceOption(opts.announce, c));
        deps.out(
          opts.json === true
            ? JSON.stringify(reportJson(report))
            : formatReport(report, c.config.contentDir, opts.verbose === true),
        );
        if (opts.strict === true && report.rejected.length > 0) process.exitCode = 1;
      }),
    );
  program
    .command('stories')
    .description('list the latest stories, newest first')
    .option('--limit <n>', 'how many (1-500)', '20')
    .option('--topic <topic>', 'only stories with this topic')
    .option('--json', 'print JSON')
    .action((opts: { limit: string; topic?: string; json?: boolean }) =>
      run(async (c) => {
        const limit = parsePositiveInt(opts.limit, '--limit', 500);
        const stories = await c.store.stories.latestStories({ limit, ...topicOf(opts.topic) });
        printList(deps, stories, opts.json === true);
      }),
    );
  program
    .command('show <id>')
    .description('print one story whole')
    .option('--json', 'print JSON')
    .action((id: string, opts: { json?: boolean }) =>
      run(async (c) => {
        const story = await requireStory(c, id);
        deps.out(opts.json === true ? JSON.stringify(storyJson(story, true)) : formatStory(story));
      }),
    );
  program
    .command('search <words...>')
    .description('full-text search over titles and bodies, best first')
    .option('--limit <n>', 'how many (1-100)', '10')
    .option('--json', 'print JSON')
    .action((words: string[], opts: { limit: string; json?: boolean }) =>
      run(async (c) => {
        const limit = parsePositiveInt(opts.limit, '--limit', 100);
        const hits = await c.store.stories.searchStories(words.join(' '), limit);
        printList(
          deps,
          hits.map((h) => h.story),
          opts.json === true,
        );
      }),
    );
  program
    .command('summary <id>')
    .description("print a story's summary")
    .option('--json', 'print JSON')
    .action((id: string, opts: { json?: boolean }) =>
      run(async (c) => {
        const story = await requireStory(c, id);
        const text =
          story.summary.length > 0 ? story.summary.join(' ') : (story.body.split('\n\n')[0] ?? '');
        deps.out(
          opts.json === true
            ? JSON.stringify({ id: story.id, title: story.title, summary: story.summary })
            : `${story.title}\n\n${text}${story.summary.length > 0 ? '' : '\n\n(short story: its opening is shown)'}`,
        );
      }),
    );
  program
    .command('related <id>')
    .description('list the stories most related to one, best first')
    .option('--k <n>', 'how many (1-50)', '5')
    .option('--json', 'print JSON')
    .action((id: string, opts: { k: string; json?: boolean }) =>
      run(async (c) => {
        const k = parsePositiveInt(opts.k, '--k', 50);
        await requireStory(c, id);
        const { createEngineFromStore } = await import('../app/text-engine.ts');
        const engine = await createEngineFromStore(c.store.stories);
        const related = await storiesByIds(c, engine.related(id, k));
        printList(deps, related, opts.json === true);
      }),
    );
}

async function announceOption(text: string | undefined, c: CliContext): Promise<AnnouncePolicy> {
  if (text === undefined)
    return (await import('../app/app-jobs.ts')).guardedPolicy(c.config.content);
  const { parseAnnounce } = await import('../ingest/announce-policy.ts');
  const policy = parseAnnounce(text);
  if (policy === undefined) {
    throw new UsageError(`--announce: expected all, none or a number, got "${text}"`);
  }
  return policy;
}

async function ingestContent(c: CliContext, announce: AnnouncePolicy): Promise<IngestReport> {
  const [
    { createEngineFromStore, hasSpareCore },
    { progressCallback },
    { createTerminal },
    { ingestContentFolder },
    { createIngestPipeline },
    { systemClock },
  ] = await Promise.all([
    import('../app/text-engine.ts'),
    import('../app/progress.ts'),
    import('../app/terminal.ts'),
    import('../ingest/content-ingest.ts'),
    import('../ingest/pipeline.ts'),
    import('../domain/clock.ts'),
  ]);
  const engine = await createEngineFromStore(c.store.stories, {
    textThread: hasSpareCore(),
    log: c.log,
  });
  const pipeline = createIngestPipeline({
    stories: c.store.stories,
    engine,
    clock: systemClock,
    log: c.log,
    settings: c.config,
  });
  try {
    const onProgress = progressCallback('ingesting', createTerminal());
    return await ingestContentFolder(pipeline, c.config.contentDir, { announce, onProgress });
  } finally {
    await engine.close();
  }
}

function topicOf(topic: string | undefined): { topic?: string } {
  return topic === undefined ? {} : { topic };
}

async function requireStory(c: CliContext, id: string): Promise<Story> {
  const story = await c.store.stories.getStory(id.trim());
  if (story === undefined) throw new UsageError(`no story with id "${id}" (see: herald stories)`);
  return story;
}

async function storiesByIds(c: CliContext, ids: readonly string[]): Promise<Story[]> {
  const found = await Promise.all(ids.map((id) => c.store.stories.getStory(id)));
  return found.filter((s): s is Story => s !== undefined);
}

function printList(deps: CliDeps, stories: readonly Story[], json: boolean): void {
  if (json) deps.out(JSON.stringify(stories.map((s) => storyJson(s, false))));
  else deps.out(stories.length === 0 ? '(no stories)' : stories.map(formatStoryLine).join('\n'));
}

function reportJson(report: IngestReport) {
  return {
    added: report.added.map((s) => ({ id: s.id, title: s.title })),
    updated: report.updated.map((s) => ({ id: s.id, title: s.title })),
    unchanged: report.unchanged,
    duplicates: report.duplicates.map((d) => ({ id: d.story.id, title: d.story.title, of: d.of })),
    rejected: report.rejected,
  };
}
