import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpServer } from '../../src/app/http-server.ts';
import { panelHandler } from '../../src/app/panel-wiring.ts';
import { loadConfig } from '../../src/app/config.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import type { Platform } from '../../src/domain/platform.ts';
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
  const { log, lines } = createCaptureLog();
  const platforms = [fakePlatform('telegram', 'ready'), fakePlatform('discord', 'degraded')];
  const panel = panelHandler({ config, store, platforms, related: () => [], clock, log });
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
