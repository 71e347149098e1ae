import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT } from './env.ts';
import type { Results } from './figures.ts';
import { generateStories, seeded, type RawStory } from './generate.ts';

const S = '9 feeds';
const ITEMS = 20;
const LATENCY_MS = 50;
/** Loopback addresses the feeds are spread over (FEEDS_PER_HOST_CONCURRENCY applies per host). */
const HOSTS = 10;

export interface FeedsScale {
  feeds: number;
  /** The poll schedule, scaled: every feed is due once per this many seconds. */
  periodS: number;
}

/** What the stand-in served: per feed its version (2 new items each) and poll times. */
interface FeedSite {
  version: number;
  polls: number[];
}

/**
 * Feeds on loopback as issue 23 point 5 describes them: each answer after 50 ms; of the
 * polls after the first, 80% answer 304 (the ETag matches), 15% the same body again (200,
 * the server ignoring the validator), 5% a body with 2 new items among its 20.
 */
async function startFeedHosts(count: number) {
  const rand = seeded(23);
  const texts = generateStories(Number.MAX_SAFE_INTEGER, 5);
  const items = new Map<string, RawStory>();
  const itemOf = (feed: number, i: number): RawStory => {
    const key = `${feed}/${i}`;
    let item = items.get(key);
    if (item === undefined) {
      item = texts.next().value as RawStory;
      items.set(key, item);
    }
    return item;
  };
  const sites: FeedSite[] = Array.from({ length: count }, () => ({ version: 0, polls: [] }));
  const newItems: string[] = [];
  let origin = '';
  const body = (feed: number, version: number, base: string) => {
    const entries: string[] = [];
    for (let i = 2 * version + ITEMS - 1; i >= 2 * version; i -= 1) {
      const item = itemOf(feed, i);
      const link = `${base}/item/${feed}/${i}`;
      const date = new Date(Date.UTC(2026, 0, 1) + feed * 60_000 + i * 3_600_000).toUTCString();
      entries.push(
        `<item><title>${item.title}</title><link>${link}</link><guid>${link}</guid><pubDate>${date}</pubDate><description>${item.body}</description></item>`,
      );
    }
    return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>${base}/</link><description>Bench feed</description>${entries.join('')}</channel></rss>`;
  };
  const handler = (base: () => string) =>
    createServer((req, res) => {
      const feed = Number(/^\/feed\/(\d+)$/.exec(req.url ?? '')?.[1]);
      const site = sites[feed];
      if (site === undefined) {
        res.writeHead(404).end();
        return;
      }
      const first = site.polls.length === 0;
      site.polls.push(performance.now());
      const draw = rand();
      let status = 200;
      if (!first && draw < 0.05) {
        site.version += 1;
        for (const i of [2 * site.version + ITEMS - 2, 2 * site.version + ITEMS - 1])
          newItems.push(`${base()}/item/${feed}/${i}`);
      } else if (!first && draw >= 0.2 && req.headers['if-none-match'] === `"v${site.version}"`)
        status = 304;
      setTimeout(() => {
        if (status === 304) {
          res.writeHead(304, { etag: `"v${site.version}"` }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"v${site.version}"` });
        res.end(body(feed, site.version, base()));
      }, LATENCY_MS);
    });
  const servers: Server[] = [];
  const bases: string[] = [];
  for (let h = 0; h < HOSTS; h += 1) {
    const host = `127.0.0.${h + 1}`;
    let base = '';
    const server = handler(() => base);
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    base = `http://${host}:${(server.address() as AddressInfo).port}`;
    servers.push(server);
    bases.push(base);
  }
  origin = bases[0] ?? '';
  return {
    urls: sites.map((_, feed) => `${bases[feed % HOSTS] ?? origin}/feed/${feed}`),
    sites,
    newItems,
    close: () =>
      Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))).then(() => {
        for (const s of servers) s.closeAllConnections();
      }),
  };
}

/** utime + stime of a process, in seconds (Linux /proc; 0 elsewhere). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function peakRssMb(pid: number | undefined): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `herald start` (console platform, SQLite) polling `scale.feeds` feeds every
 * `scale.periodS` seconds: the 10-minute schedule scaled down at the same polls per second
 * (10,000 feeds / 600 s = 1,000 / 60 s). After a warm-up round (every feed's first fetch,
 * 20 stories each), one whole period is measured: whether every feed was polled in it, the
 * process's CPU over it, polls per CPU second, its peak RSS, and the new items stored and
 * announced once.
 */
export async function benchFeeds(results: Results, scale: FeedsScale): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-bench-feeds-'));
  const hosts = await startFeedHosts(scale.feeds);
  const feedsFile = join(dir, 'feeds.yaml');
  mkdirSync(join(dir, 'content'));
  writeFileSync(feedsFile, `feeds:\n${hosts.urls.map((u) => `  - url: ${u}\n`).join('')}`);
  const child = spawn(process.execPath, ['bin/herald.js', 'start'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      HERALD_DATA_DIR: dir,
      CONTENT_DIR: join(dir, 'content'),
      FEEDS_FILE: feedsFile,
      FEEDS_SCHEDULE: `*/${scale.periodS} * * * * *`,
      FEEDS_ALLOW_PRIVATE_HOSTS: 'true',
      HTTP_PORT: '0',
      HTTP_HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const polled = (round: number) => hosts.sites.every((s) => s.polls.length >= round);
    const started = performance.now();
    while (!polled(1)) {
      if (child.exitCode !== null) throw new Error(`herald start exited with ${child.exitCode}`);
      if (performance.now() - started > 600_000) throw new Error('warm-up round not done');
      await pause(100);
    }
    const warmUpS = (performance.now() - started) / 1000;
    // The warm-up's ingest settles, then the next tick starts the measured period.
    const polls = () => hosts.sites.reduce((n, s) => n + s.polls.length, 0);
    let before = polls();
    for (;;) {
      await pause(200);
      if (polls() > before) break;
      before = polls();
      if (performance.now() - started > 900_000) throw new Error('no tick after the warm-up');
    }
    const t0 = performance.now();
    const cpu0 = cpuSeconds(child.pid);
    const served0 = hosts.newItems.length;
    await pause(scale.periodS * 1000 - 200);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(child.pid) - cpu0;
    const inPeriod = hosts.sites.filter((s) => s.polls.some((t) => t >= t0 - 400)).length;
    const periodPolls = hosts.sites.reduce(
      (n, s) => n + s.polls.filter((t) => t >= t0 - 400).length,
      0,
    );
    const round = hosts.sites.map((s) => s.polls.find((t) => t >= t0 - 400) ?? Infinity);
    const roundS = (Math.max(...round) - Math.min(...round)) / 1000;
    const peak = peakRssMb(child.pid);
    // Time for the last poll's new items to be stored and announced (the ingest and a dispatch).
    await pause(Math.min(10_000, scale.periodS * 300));
    const served = hosts.newItems.slice(served0);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    const check = checkStore(join(dir, 'herald.db'), served);
    const size = `${scale.feeds.toLocaleString('en-US')} feeds every ${scale.periodS} s`;
    results.add(S, `feeds polled within the period, ${size}`, inPeriod / scale.feeds, 'ratio', {
      op: '>=',
      value: 1,
    });
    results.add(S, 'CPU, share of one core over the period', cpu / seconds, 'ratio', {
      op: '<=',
      value: 0.25,
    });
    results.add(S, 'polls per CPU second', periodPolls / Math.max(cpu, 0.01), 'polls/s');
    results.add(S, 'peak RSS of herald start (warm-up included)', peak, 'MB', {
      op: '<=',
      value: 350,
    });
    results.add(
      S,
      `new items stored, of ${served.length} served`,
      check.stored / Math.max(1, served.length),
      'ratio',
      { op: '>=', value: 1 },
    );
    results.add(
      S,
      'new items announced (not repeats), of those stored',
      check.announcedOnce / Math.max(1, check.stored - check.repeats),
      'ratio',
      { op: '>=', value: 1 },
    );
    results.add(S, 'stories announced more than once', check.announcedTwice, 'count', {
      op: '<=',
      value: 0,
    });
    results.note(
      S,
      `warm-up (first fetch of every feed, ${ITEMS} items each) ${warmUpS.toFixed(1)} s; one round of polls took ${roundS.toFixed(1)} s of the ${scale.periodS} s period; ${periodPolls} polls, ${cpu.toFixed(1)} s CPU; ${check.repeats} new items stored as repeats of others (not announced); ${check.inEvents} joined an event already posted to the chat (its post's edit, one post per event). The schedule scales: ${scale.feeds} feeds every ${scale.periodS} s is the rate of ${Math.round((scale.feeds * 600) / scale.periodS).toLocaleString('en-US')} feeds every 10 min (memory grows with the stories stored, not with the rate)`,
    );
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await hosts.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * How the new items ended up in the store: stored, repeats, announced once or more. The console
 * chat is on the default policy, one post per event (ADR 0025): an item is announced once when
 * it has one post of its own, or when it joined an event already posted to the chat (it then
 * goes out as that post's edit, "also reported by", or, from the same outlet, not at all).
 */
function checkStore(path: string, urls: readonly string[]) {
  const db = new Database(path, { readonly: true });
  try {
    const story = db.prepare('SELECT id, duplicate_of, event_id FROM stories WHERE url = ?');
    const posts = db.prepare(
      "SELECT COUNT(*) AS n FROM outbox WHERE story_id = ? AND kind = 'post'",
    );
    const eventPosts = db.prepare(
      `SELECT COUNT(*) AS n FROM outbox o JOIN stories s ON s.id = o.story_id
       WHERE s.event_id = ? AND o.kind = 'post'`,
    );
    let stored = 0;
    let repeats = 0;
    let announcedOnce = 0;
    let announcedTwice = 0;
    let inEvents = 0;
    for (const url of urls) {
      const found = story.get(url) as
        { id: string; duplicate_of: string | null; event_id: string | null } | undefined;
      if (found === undefined) continue;
      stored += 1;
      if (found.duplicate_of !== null) repeats += 1;
      const n = (posts.get(found.id) as { n: number }).n;
      if (n > 1) announcedTwice += 1;
      if (n === 1) announcedOnce += 1;
      if (n > 0 || found.event_id === null) continue;
      if ((eventPosts.get(found.event_id) as { n: number }).n > 0) {
        announcedOnce += 1;
        inEvents += 1;
      }
    }
    return { stored, repeats, announcedOnce, announcedTwice, inEvents };
  } finally {
    db.close();
  }
}
