import type { Command } from 'commander';
import type { CliDeps } from './cli-deps.ts';
import type { AddOptions } from './feeds-actions.ts';

/** The actions and their libraries load when a command runs, not for the help. */
const act = () => import('./feeds-actions.ts');
const poll = () => import('./feeds-poll.ts');

/** `herald feeds [list|add|check|poll|pause|resume|remove|import|export]`. */
export function registerFeedsCommands(program: Command, deps: CliDeps): void {
  const feeds = program
    .command('feeds')
    .description('list the feeds with their state (last fetch, last error, next attempt)')
    .action(() => act().then((a) => a.listFeeds(deps, false)));
  feeds
    .command('list')
    .description('the same as `herald feeds`')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) => act().then((a) => a.listFeeds(deps, opts.json === true)));
  feeds
    .command('add <url>')
    .description('check a feed (or find the feed of a site) and add it to the feeds file')
    .option('--topics <a,b>', 'topics given to its stories')
    .option('--name <name>', 'the publisher name shown with its stories')
    .option('--every <interval>', 'its own pace: fetched at most every 30m, 2h, 1d')
    .option('--full-text', 'fetch each item page and keep its main text')
    .option('--force', 'save the URL as given, without fetching or checking it')
    .action((url: string, opts: AddOptions) => act().then((a) => a.add(deps, url, opts)));
  feeds
    .command('check <url>')
    .description('fetch a feed (or find the feed of a site) and show what would be ingested')
    .option('--json', 'print {"feedUrl","items":[{"title","url","publishedAt"}],"errors":[...]}')
    .action((url: string, opts: { json?: boolean }) =>
      act().then((a) => a.check(deps, url, opts.json === true)),
    );
  feeds
    .command('poll [url]')
    .description('poll now: this feed, or every feed not stopped, and ingest what they bring')
    .action((url: string | undefined) => poll().then((p) => p.pollFeedsNow(deps, url)));
  feeds
    .command('pause <url>')
    .description('stop polling a feed until `herald feeds resume`')
    .action((url: string) => act().then((a) => a.pause(deps, url)));
  feeds
    .command('resume <url>')
    .description('poll a paused or stopped feed (410 Gone, a lasting 404) from the next tick')
    .action((url: string) => act().then((a) => a.resume(deps, url)));
  feeds
    .command('remove <url>')
    .description('remove a feed from the feeds file and forget its state')
    .action((url: string) => act().then((a) => a.remove(deps, url)));
  feeds
    .command('import <file>')
    .description('add the feeds of an OPML file (feeds already listed are kept as they are)')
    .action((file: string) => act().then((a) => a.importFile(deps, file)));
  feeds
    .command('export [file]')
    .description('write the feeds as OPML to a file, or print it')
    .action((file: string | undefined) => act().then((a) => a.exportFile(deps, file)));
}
