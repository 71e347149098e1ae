import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPreviewRenderer } from '../../adapters/previews.ts';
import { createHttpServer } from '../../src/app/http-server.ts';
import { panelHandler } from '../../src/app/panel-wiring.ts';
import { loadConfig } from '../../src/app/config.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import type { Platform } from '../../src/domain/platform.ts';
import { addFeedSource } from '../../src/ingest/feeds/sources.ts';
import { openStore, type OpenedStore } from '../../src/store/open-store.ts';
import { createCaptureLog } from './capture-log.ts';
import { makeDraft } from './drafts.ts';

export const PANEL_TOKEN = 'correct-horse-battery-staple-42';
export const HOSTILE_TITLE = '<script>alert("pwned")</script> & <img src=x onerror=alert(1)>';

export interface PanelRig {
  base: string;
  origin: string;
  store: OpenedStore;
  feedsFile: string;
  logLines(): Record<string, unknown>[];
  /** Logs in; the session cookie and the CSRF token of its pages. */
  login(who?: string): Promise<{ cookie: string; csrf: string }>;
  /** A same-origin form post (as a browser sends it). */
  post(
    path: string,
    form: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The panel over a SQLite store in a folder of its own, served by the real HTTP server on
 * 127.0.0.1 port 0, with a story (hostile title included), a subscription and a dead row.
 */
export async function startPanelRig(env: Record<string, string> = {}): Promise<PanelRig> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-panel-'));
  const feedsFile = join(dir, 'feeds.yaml');
  const config = loadConfig({
    HERALD_DATA_DIR: dir,
    FEEDS_FILE: feedsFile,
    FEEDS_ALLOW_PRIVATE_HOSTS: 'true',
    FEEDS_TIMEOUT_MS: '3000',
    PANEL_TOKEN,
    ...env,
  });
  const store = await openStore(config.database);
  const clock = createManualClock(new Date('2026-06-01T12:00:00Z'));
  await seed(store, clock.now());
  await seedActivity(store, clock.now(), feedsFile);
  const { log, lines } = createCaptureLog();
  const platforms = [fakePlatform('telegram', 'ready'), fakePlatform('discord', 'degraded')];
  const previews = createPreviewRenderer('UTC');
  const panel = panelHandler({ config, store, platforms, related: () => [], clock, log, previews });
  const http = createHttpServer({
    host: '127.0.0.1',
    port: 0,
    health: () => Promise.resolve({ status: 'ok', store: 'ok', platforms: {} }),
    metrics: () => Promise.resolve({ contentType: 'text/plain', body: '' }),
    ...(panel === undefined ? {} : { panel }),
    log,
  });
  const { port } = await http.start();
  const origin = `http://127.0.0.1:${port}`;
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
  return {
    base: `${origin}/panel`,
    origin,
    store,
    feedsFile,
    logLines: lines,
    post,
    async login(who = 'Ada') {
      const res = await post('/panel/login', { who, token: PANEL_TOKEN });
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = await (await fetch(`${origin}/panel/`, { headers: { cookie } })).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      return { cookie, csrf };
    },
    async close() {
      await http.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function seed(store: OpenedStore, now: Date): Promise<void> {
  await store.stories.upsertStory(
    makeDraft({ title: HOSTILE_TITLE, url: 'https://news.example/hostile', topics: ['world'] }),
    now,
  );
  await store.stories.upsertStory(
    makeDraft({
      title: 'River bridge approved by the council',
      url: 'https://news.example/bridge',
      summary: ['The council voted for the bridge.', 'Work starts in June.'],
      keywords: ['bridge', 'council'],
      entities: ['City Council'],
      topics: ['local'],
    }),
    now,
  );
  const sub = await store.subscriptions.saveSubscription(
    {
      target: { platform: 'telegram', chatId: '@herald_news', kind: 'channel' },
      filters: {
        includeTopics: ['world'],
        excludeTopics: [],
        includeKeywords: [],
        excludeKeywords: [],
      },
      mode: { kind: 'instant' },
      createdBy: 'operator',
    },
    now,
  );
  const [story] = await store.stories.latestStories({ limit: 1 });
  const row = { storyId: story?.id ?? '', subscriptionId: sub.id, platform: 'telegram' as const };
  await store.outbox.enqueue([{ ...row, chatKey: 'telegram:@herald_news' }], now);
  const claimed = await store.outbox.claimDue({ owner: 'seed', now, leaseMs: 60_000, limit: 1 });
  const error = { error: '400 Bad Request: message is too long', kind: 'invalid' as const };
  await store.outbox.markDead(
    claimed.map((r) => r.id),
    'seed',
    error,
    now,
  );
}

function fakePlatform(name: Platform['name'], state: ReturnType<Platform['state']>): Platform {
  return {
    name,
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    send: () => Promise.resolve({ kind: 'sent', messageId: '1' }),
    state: () => state,
  };
}

const HOUR = 3_600_000;

/** A day of deliveries on two platforms and a failing feed, so the overview has a shape. */
async function seedActivity(store: OpenedStore, now: Date, feedsFile: string): Promise<void> {
  const discord = await store.subscriptions.saveSubscription(
    {
      target: { platform: 'discord', chatId: '1234567890', kind: 'channel' },
      filters: { includeTopics: [], excludeTopics: [], includeKeywords: [], excludeKeywords: [] },
      mode: { kind: 'digest', times: ['08:00', '18:00'] },
      createdBy: 'discord:42',
    },
    now,
  );
  const hours = [22, 19, 15, 12, 9, 6, 4, 2, 1];
  for (const [i, h] of hours.entries()) {
    const at = new Date(now.getTime() - h * HOUR);
    const count = 2 + (i % 4);
    const rows = [];
    for (let n = 0; n < count; n++) {
      const { story } = await store.stories.upsertStory(makeDraft({ topics: ['local'] }), at);
      rows.push({ storyId: story.id, subscriptionId: discord.id, platform: 'discord' as const });
    }
    await store.outbox.enqueue(
      rows.map((r, n) => ({ ...r, chatKey: `discord:c${h}-${n}` })),
      at,
    );
    const leased = await store.outbox.claimDue({
      owner: 'seed',
      now: at,
      leaseMs: HOUR,
      limit: 50,
    });
    const [first, ...rest] = leased;
    await store.outbox.markSent(
      rest.map((r) => r.id),
      'seed',
      'm',
      at,
    );
    if (first === undefined) continue;
    const failure = {
      error: '503 Service Unavailable',
      kind: 'transient' as const,
      countAttempt: true,
    };
    await store.outbox.reschedule([first.id], 'seed', { ...failure, nextAttemptAt: now }, at);
  }
  const feed = 'https://feeds.example.org/world.xml';
  await addFeedSource(feedsFile, {
    url: feed,
    name: 'Example World',
    topics: ['world'],
    fullText: false,
  });
  await store.feedState.saveFeedState({
    url: feed,
    lastFetchAt: new Date(now.getTime() - HOUR),
    lastError: `HTTP 503 from ${feed}`,
    consecutiveFailures: 4,
    nextAttemptAt: new Date(now.getTime() + HOUR),
    firstFetchDone: true,
    itemsSeen: 120,
  });
}
