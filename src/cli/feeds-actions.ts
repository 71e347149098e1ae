/** The actions of `herald feeds ...` (feeds-commands.ts), loaded when one runs. */
import { readFile, writeFile } from 'node:fs/promises';
import { loadConfig } from '../app/config.ts';
import { withCliContext } from './lazy-context.ts';
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
import { UsageError } from './usage-error.ts';

export interface AddOptions {
  topics?: string;
  name?: string;
  fullText?: boolean;
  every?: string;
  force?: boolean;
}

export async function listFeeds(deps: CliDeps, json: boolean): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const rows = await feedRows(c.config.feeds.file, c.store.feedState);
    if (json) deps.out(JSON.stringify(rows));
    else if (rows.length === 0)
      deps.out(`no feeds in ${c.config.feeds.file} (add one: herald feeds add <url>)`);
    else deps.out(rows.map((r) => feedLine(r, systemClock.now())).join('\n'));
  });
}

export async function add(deps: CliDeps, url: string, opts: AddOptions): Promise<void> {
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

export async function check(deps: CliDeps, url: string, json: boolean): Promise<void> {
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

export async function pause(deps: CliDeps, url: string): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const listed = await loadFeedSources(c.config.feeds.file);
    if (!listed.some((s) => s.url === url))
      throw new UsageError(`${url} is not in ${c.config.feeds.file}`);
    await pauseFeed(c.store.feedState, url, systemClock.now());
    deps.out(`${url} paused; resume it with: herald feeds resume ${url}`);
  });
}

export async function resume(deps: CliDeps, url: string): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const done = await resumeFeed(c.store.feedState, url);
    if (done === 'unknown') throw new UsageError(`${url} has no state yet: it is polled as it is`);
    const was = done === 'resumed' ? 'was stopped' : 'was not stopped';
    deps.out(`${url} ${was}; polled again from the next tick`);
  });
}

export async function remove(deps: CliDeps, url: string): Promise<void> {
  await withCliContext(deps.env, async (c) => {
    const { file } = c.config.feeds;
    if (!(await removeFeed(file, c.store.feedState, url)))
      throw new UsageError(`${url} is not in ${file}`);
    deps.out(`removed ${url} from ${file}`);
  });
}

export async function importFile(deps: CliDeps, path: string): Promise<void> {
  const { file } = loadConfig(deps.env).feeds;
  const done = await importOpml(file, await readFile(path, 'utf8'));
  if (!done.ok) throw new UsageError(`${path}: ${done.reason}`);
  deps.out(`imported ${done.added} feeds into ${file} (${done.known} already listed)`);
}

export async function exportFile(deps: CliDeps, path: string | undefined): Promise<void> {
  const { file } = loadConfig(deps.env).feeds;
  const opml = await exportOpml(file, systemClock.now());
  if (path === undefined) deps.out(opml.trimEnd());
  else {
    await writeFile(path, opml, 'utf8');
    deps.out(`wrote ${path}`);
  }
}
