/**
 * What the cross-language lines cost a `related` command (ADR 0030):
 * `node --import tsx bench/cross-language.ts [stories]` (default 10,000). A SQLite store holds
 * that many stories ingested within the last day (generated English ones and the translated
 * ECB+ sets of eval/cross-language/), so each call reads the full pool of 2,000. `related` is
 * timed with HERALD_CROSS_LANGUAGE off, on with a fresh handler per call (`cold`: no anchors
 * remembered, the plain version) and on with one handler (`warm`: anchors remembered), in one run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCommandHandler } from '../src/commands/handler.ts';
import { createManualClock } from '../src/domain/clock.ts';
import { silentLog } from '../src/domain/log.ts';
import type { CommandContext, CommandHandler } from '../src/domain/platform.ts';
import { contentHash, storyIdFromUrl } from '../src/domain/story-id.ts';
import type { StoryDraft } from '../src/domain/story.ts';
import { parseArticles } from '../src/eval/related.ts';
import { openSqliteDatabase } from '../src/store/sqlite/database.ts';
import { createSqliteEventStore } from '../src/store/sqlite/event-store.ts';
import { createSqliteStoryStore } from '../src/store/sqlite/story-store.ts';
import { createSqliteSubscriptionStore } from '../src/store/sqlite/subscription-store.ts';
import { generateStories } from './generate.ts';
import { summarize } from './stats.ts';

const COUNT = Number(process.argv[2] ?? 10_000);
const NOW = new Date('2026-06-01T12:00:00Z');
const ROUNDS = 5;
const QUERIES = 40;

interface Text {
  url: string;
  title: string;
  body: string;
  language: string;
}

function translated(): Text[] {
  const dir = new URL('../eval/cross-language/', import.meta.url);
  return ['ecbplus-translated.jsonl', 'ecbplus-translated.heldout.jsonl'].flatMap((file) => {
    const parsed = parseArticles(readFileSync(new URL(file, dir), 'utf8'));
    if (!parsed.ok) throw new Error(parsed.reason);
    return parsed.articles.map((a) => ({
      url: `https://news.example/xl/${a.id}`,
      title: a.title,
      body: a.body,
      language: a.language ?? 'en',
    }));
  });
}

function draft(text: Text, i: number): StoryDraft {
  return {
    id: storyIdFromUrl(text.url),
    url: text.url,
    title: text.title,
    body: text.body,
    source: `Outlet ${i % 50}`,
    topics: [],
    // Published over the last day: every story is in every other's pool window.
    publishedAt: new Date(NOW.getTime() - (i % 86_400) * 1000),
    dateEstimated: false,
    language: text.language,
    contentHash: contentHash(text.title, text.body),
    keywords: [],
    entities: [],
    summary: [],
    origin: { kind: 'feed', ref: 'bench' },
  };
}

function texts(): Text[] {
  const xl = translated();
  const generated = [...generateStories(COUNT - xl.length)].map((s) => ({
    url: s.url,
    title: s.title,
    body: s.body,
    language: 'en',
  }));
  // The translations spread through the store, so some fall in every pool.
  const step = Math.floor(generated.length / xl.length);
  return generated.flatMap((g, i) => {
    const t = i % step === 0 ? xl[i / step] : undefined;
    return t === undefined ? [g] : [g, t];
  });
}

const dir = mkdtempSync(join(tmpdir(), 'herald-xl-'));
const db = openSqliteDatabase(join(dir, 'herald.db'));
const stories = createSqliteStoryStore(db);
const all = texts();
for (const [i, t] of all.entries()) await stories.upsertStory(draft(t, i), NOW);
const chat: CommandContext = {
  platform: 'console',
  target: { platform: 'console', chatId: 'bench', kind: 'private' },
  user: { id: 'bench' },
  isAdmin: () => Promise.resolve(true),
};
const handler = (crossLanguage: boolean) =>
  createCommandHandler({
    stories,
    events: createSqliteEventStore(db),
    subscriptions: createSqliteSubscriptionStore(db),
    related: { related: () => [] },
    clock: createManualClock(NOW),
    log: silentLog,
    limits: { commandsPerWindow: 1_000_000 },
    crossLanguage,
  });
type Mode = 'off' | 'cold' | 'warm';
const warm = handler(true);
const handlers: Record<Mode, () => CommandHandler> = {
  off: () => handler(false),
  // A new handler remembers no anchors: every call transliterates its whole pool.
  cold: () => handler(true),
  warm: () => warm,
};
const translations = all.filter((t) => t.url.includes('/xl/'));
const queries = [
  ...translations.filter((_, i) => i % Math.ceil(translations.length / (QUERIES / 2)) === 0),
  ...all.filter((_, i) => i % Math.floor(all.length / (QUERIES / 2)) === 0),
];
const times: Record<Mode, number[]> = { off: [], cold: [], warm: [] };
// The plain version costs about a second a call at 10,000 stories: one round of it.
const rounds: Record<Mode, number> = { off: ROUNDS, cold: 1, warm: ROUNDS };
let linked = 0;
await warm.handleText(chat, `related ${all[0]?.url ?? ''}`);
for (const mode of ['off', 'cold', 'warm'] as const)
  for (let round = 0; round < rounds[mode]; round += 1)
    for (const q of queries) {
      const h = handlers[mode]();
      const started = performance.now();
      const reply = await h.handleText(chat, `related ${q.url}`);
      times[mode].push(performance.now() - started);
      if (round === 0 && mode === 'warm' && JSON.stringify(reply).includes('Also reported'))
        linked += 1;
    }
await stories.close();
rmSync(dir, { recursive: true, force: true });
const line = (mode: Mode) => {
  const s = summarize(times[mode]);
  return `${mode}: mean ${s.mean.toFixed(1)} ms, p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms`;
};
process.stdout.write(
  `related on ${all.length} stories (SQLite file), ${queries.length} stories x ${ROUNDS} rounds; ` +
    `${linked} of them named a report in another language\n${line('off')}\n${line('cold')}\n${line('warm')}\n`,
);
