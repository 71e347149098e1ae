import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { loadConfig } from '../app/config.ts';
import { withCliContext } from '../app/context.ts';
import { systemClock } from '../domain/clock.ts';
import { discoverFeed } from '../ingest/feeds/discover.ts';
import { createConfiguredFetcher } from '../ingest/feeds/job.ts';
import {
  addFeed,
  exportOpml,
  importOpml,
  listFeeds as feedRows,
  pauseFeed,
  removeFeed,
  resumeFeed,
} from '../ingest/feeds/manage.ts';
import { loadFeedSources } from '../ingest/feeds/sources.ts';
import type { CliDeps } from './cli-deps.ts';
import { checkLines, discoveryLine, feedLine } from './feeds-format.ts';
import { pollFeedsNow } from './feeds-poll.ts';
import { UsageError } from './usage-error.ts';

interface AddOptions {
  topics?: string;
  name?: string;
  fullText?: boolean;
  every?: string;
  force?: boolean;
}

/** `herald feeds [list|add|check|poll|pause|resume|remove|import|export]`. */
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
    .description('check a feed (or find the feed of a site) and add it to the feeds file')
    .option('--topics <a,b>', 'topics given to its stories')
    .option('--name <name>', 'the publisher name shown with its stories')
    .option('--every <interval>', 'its own pace: fetched at most every 30m, 2h, 1d')
    .option('--full-text', 'fetch each item page and keep its main text')
    .option('--force', 'save the URL as given, without fetching or checking it')
    .action((url: string, opts: AddOptions) => add(deps, url, opts));
  feeds
    .command('check <url>')
    .description('fetch a feed (or find the feed of a site) and show what would be ingested')
    .option('--json', 'print {"feedUrl","items":[{"title","url","publishedAt"}],"errors":[...]}')
    .action((url: string, opts: { json?: boolean }) => check(deps, url, opts.json === true));
  feeds
    .command('poll [url]')
    .description('poll now: this feed, or every feed not stopped, and ingest what they bring')
    .action((url: string | undefined) => pollFeedsNow(deps, url));
  feeds
    .command('pause <url>')
    .description('stop polling a feed until `herald feeds resume`')
    .action((url: string) => pause(deps, url));
  feeds
    .command('resume <url>')
    .description('poll a paused or stopped feed (410 Gone, a lasting 404) from the next tick')
    .action((url: string) => resume(deps, url));
  feeds
    .command('remove <url>')
    .description('remove a feed from the feeds file and forget its state')
    .action((url: string) => remove(deps, url));
  feeds
    .command('import <file>')
    .description('add the feeds of an OPML file (feeds already listed are kept as they are)')
    .action((file: string) => importFile(deps, file));
  feeds
    .command('export [file]')
    .description('write the feeds as OPML to a file, or print it')
    .action((file: string | undefined) => exportFile(deps, file));
}

async function listFeeds(deps: CliDeps, json: boolean): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const rows = await feedRows(c.config.feeds.file, c.store.feedState);
    if (json) deps.out(JSON.stringify(rows));
    else if (rows.length === 0)
      deps.out(`no feeds in ${c.config.feeds.file} (add one: herald feeds add <url>)`);
    else deps.out(rows.map((r) => feedLine(r, systemClock.now())).join('\n'));
  });
}

async function add(deps: CliDeps, url: string, opts: AddOptions): Promise<void> {
  const { feeds } = loadConfig(deps.env);
  const request = {
    url,
    topics: (opts.topics ?? '').split(','),
    name: opts.name,
    every: opts.every,
    fullText: opts.fullText === true,
  };
  const outcome = await addFeed(feeds.file, request, createConfiguredFetcher(feeds), {
    force: opts.force === true,
  });
  if (!outcome.ok) {
    throw new UsageError(`${url}: ${outcome.reason} (add it unchecked with --force)`);
  }
  if (outcome.found !== undefined) deps.out(discoveryLine(url, outcome.found));
  deps.out(`${outcome.done} ${outcome.source.url} in ${feeds.file}`);
}

async function check(deps: CliDeps, url: string, json: boolean): Promise<void> {
  const config = loadConfig(deps.env);
  const found = await discoverFeed(url, createConfiguredFetcher(config.feeds));
  if (!found.ok) throw new Error(`${url}: ${found.reason}`);
  if (json) {
    const { feedUrl, via, links, items, errors } = found;
    deps.out(JSON.stringify({ feedUrl, via, links, items, errors }));
    return;
  }
  if (found.via !== 'direct') deps.out(discoveryLine(url, found));
  deps.out(checkLines(found).join('\n'));
}

async function pause(deps: CliDeps, url: string): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const listed = await loadFeedSources(c.config.feeds.file);
    if (!listed.some((s) => s.url === url))
      throw new UsageError(`${url} is not in ${c.config.feeds.file}`);
    await pauseFeed(c.store.feedState, url, systemClock.now());
    deps.out(`${url} paused; resume it with: herald feeds resume ${url}`);
  });
}

async function resume(deps: CliDeps, url: string): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const done = await resumeFeed(c.store.feedState, url);
    if (done === 'unknown') throw new UsageError(`${url} has no state yet: it is polled as it is`);
    const was = done === 'resumed' ? 'was stopped' : 'was not stopped';
    deps.out(`${url} ${was}; polled again from the next tick`);
  });
}

async function remove(deps: CliDeps, url: string): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const { file } = c.config.feeds;
    if (!(await removeFeed(file, c.store.feedState, url)))
      throw new UsageError(`${url} is not in ${file}`);
    deps.out(`removed ${url} from ${file}`);
  });
}

async function importFile(deps: CliDeps, path: string): Promise<void> {
  const { file } = loadConfig(deps.env).feeds;
  const done = await importOpml(file, await readFile(path, 'utf8'));
  if (!done.ok) throw new UsageError(`${path}: ${done.reason}`);
  deps.out(`imported ${done.added} feeds into ${file} (${done.known} already listed)`);
}

async function exportFile(deps: CliDeps, path: string | undefined): Promise<void> {
  const { file } = loadConfig(deps.env).feeds;
  const opml = await exportOpml(file, systemClock.now());
  if (path === undefined) deps.out(opml.trimEnd());
  else {
    await writeFile(path, opml, 'utf8');
    deps.out(`wrote ${path}`);
  }
}
