import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { loadConfig } from '../app/config.ts';
import { withCliContext } from '../app/context.ts';
import { systemClock } from '../domain/clock.ts';
import { checkFeed } from '../ingest/feeds/check.ts';
import { createConfiguredFetcher } from '../ingest/feeds/job.ts';
import { feedsFromOpml, feedsToOpml } from '../ingest/feeds/opml.ts';
import { resumed } from '../ingest/feeds/publisher-signals.ts';
import {
  addFeedSource,
  FeedSourceSchema,
  loadFeedSources,
  removeFeedSource,
  type FeedSource,
} from '../ingest/feeds/sources.ts';
import type { CliDeps } from './cli-deps.ts';
import { feedLine, type FeedRow } from './feeds-format.ts';
import { UsageError } from './usage-error.ts';

interface AddOptions {
  topics?: string;
  name?: string;
  fullText?: boolean;
  every?: string;
}

/** `herald feeds [list|add|remove|resume|check|import|export]`: the feeds file and each feed's state. */
export function registerFeedsCommands(program: Command, deps: CliDeps): void {
  const feeds = program
    .command('feeds')
    .description('list the feeds with their state (last fetch, last error, next attempt)')
    .action(() => listFeeds(deps, false));
  feeds
    .command('list')
    .description('the same as `herald feeds`')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => listFeeds(deps, opts.json === true));
  feeds
    .command('add <url>')
    .description('add a feed to the feeds file (or update its entry)')
    .option('--topics <a,b>', 'topics given to its stories')
    .option('--name <name>', 'the publisher name shown with its stories')
    .option('--every <interval>', 'its own pace: fetched at most every 30m, 2h, 1d')
    .option('--full-text', 'fetch each item page and keep its main text')
    .action((url: string, opts: AddOptions) => addFeed(deps, url, opts));
  feeds
    .command('remove <url>')
    .description('remove a feed from the feeds file and forget its state')
    .action((url: string) => removeFeed(deps, url));
  feeds
    .command('resume <url>')
    .description('poll a stopped feed again (410 Gone, a lasting 404) from the next tick')
    .action((url: string) => resumeFeed(deps, url));
  feeds
    .command('check <url>')
    .description('fetch a feed once and show what would be ingested (stores nothing)')
    .option('--json', 'print {"items":[{"title","url","publishedAt"}],"errors":[...]}')
    .action((url: string, opts: { json?: boolean }) => check(deps, url, opts.json === true));
  feeds
    .command('import <file>')
    .description('add the feeds of an OPML file (feeds already listed are kept as they are)')
    .action((file: string) => importOpml(deps, file));
  feeds
    .command('export [file]')
    .description('write the feeds as OPML to a file, or print it')
    .action((file: string | undefined) => exportOpml(deps, file));
}

async function listFeeds(deps: CliDeps, json: boolean): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const sources = await loadFeedSources(c.config.feeds.file);
    const states = c.store.feedState;
    const rows: FeedRow[] = [];
    for (const source of sources)
      rows.push({ source, state: await states.getFeedState(source.url) });
    if (json) deps.out(JSON.stringify(rows));
    else if (rows.length === 0)
      deps.out(`no feeds in ${c.config.feeds.file} (add one: herald feeds add <url>)`);
    else deps.out(rows.map((r) => feedLine(r, systemClock.now())).join('\n'));
  });
}

async function addFeed(deps: CliDeps, url: string, opts: AddOptions): Promise<void> {
  const { file } = loadConfig(deps.env).feeds;
  const parsed = FeedSourceSchema.safeParse({
    url,
    topics: (opts.topics ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    ...(opts.name === undefined ? {} : { name: opts.name }),
    ...(opts.every === undefined ? {} : { every: opts.every }),
    fullText: opts.fullText === true,
  });
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const done = await addFeedSource(file, parsed.data);
  deps.out(`${done} ${url} in ${file}`);
}

async function removeFeed(deps: CliDeps, url: string): Promise<void> {
  const { file } = loadConfig(deps.env).feeds;
  if (!(await removeFeedSource(file, url))) throw new UsageError(`${url} is not in ${file}`);
  await withCliContext(deps.env, (c) => c.store.feedState.removeFeedState(url));
  deps.out(`removed ${url} from ${file}`);
}

async function resumeFeed(deps: CliDeps, url: string): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const states = c.store.feedState;
    const state = await states.getFeedState(url);
    if (state === undefined) throw new UsageError(`${url} has no state yet: it is polled as it is`);
    await states.saveFeedState(resumed(state));
    const was = state.stoppedReason === undefined ? 'was not stopped' : 'was stopped';
    deps.out(`${url} ${was}; polled again from the next tick`);
  });
}

async function check(deps: CliDeps, url: string, json: boolean): Promise<void> {
  const config = loadConfig(deps.env);
  const outcome = await checkFeed(url, createConfiguredFetcher(config.feeds));
  if (!outcome.ok) throw new Error(`${url}: ${outcome.reason}`);
  if (json) {
    deps.out(JSON.stringify({ items: outcome.items, errors: outcome.errors }));
    return;
  }
  deps.out(`${url}: ${outcome.format}, ${outcome.items.length} items`);
  for (const item of outcome.items) {
    deps.out(
      `  ${item.publishedAt ?? '(no date)'}  ${item.title}\n      ${item.url ?? '(no link)'}`,
    );
  }
  for (const error of outcome.errors) deps.out(`  ! ${error}`);
}

async function importOpml(deps: CliDeps, path: string): Promise<void> {
  const { file } = loadConfig(deps.env).feeds;
  const parsed = feedsFromOpml(await readFile(path, 'utf8'));
  if (!parsed.ok) throw new UsageError(`${path}: ${parsed.reason}`);
  const known = new Set((await loadFeedSources(file)).map((s) => s.url));
  const fresh: FeedSource[] = parsed.sources.filter((s) => !known.has(s.url));
  for (const source of fresh) await addFeedSource(file, source);
  deps.out(
    `imported ${fresh.length} feeds into ${file} (${parsed.sources.length - fresh.length} already listed)`,
  );
}

async function exportOpml(deps: CliDeps, path: string | undefined): Promise<void> {
  const { file } = loadConfig(deps.env).feeds;
  const opml = feedsToOpml(await loadFeedSources(file), systemClock.now());
  if (path === undefined) deps.out(opml.trimEnd());
  else {
    await writeFile(path, opml, 'utf8');
    deps.out(`wrote ${path}`);
  }
}
