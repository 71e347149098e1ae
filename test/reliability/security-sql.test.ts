import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import { SOMETHING_WENT_WRONG } from '../../src/commands/replies.ts';
import { createIngestPipeline } from '../../src/ingest/pipeline.ts';
import { openStore } from '../../src/store/open-store.ts';
import { createTextEngine } from '../../src/text/engine.ts';
import { openCommandFixture, privateChat } from '../support/commands-fixture.ts';

/**
 * Quotes, ";" and "--" in every user-reachable input: each command's arguments (story ids,
 * numbers, topics, search words, digest times) on a real SQLite store, and every stored field
 * of a story (title, body, source, section, topics, url) through the pipeline. Nothing fails,
 * and the store is whole afterwards: same stories, same tables, the hostile text stored as text.
 */
const PAYLOADS = [
  "'",
  "''",
  '"',
  "'; DROP TABLE stories; --",
  "' OR '1'='1",
  '" OR 1=1 --',
  '1; DELETE FROM subscriptions; --',
  "x'); DROP TABLE outbox; --",
  "%' --",
  '\\',
  '`; select 1; `',
  "robert'); --",
  '* OR title MATCH *',
  'NEAR(a b) AND "x',
];
const COMMANDS = [
  '/search',
  '/latest',
  '/latest 3',
  '/summary',
  '/related',
  '/subscribe',
  '/unsubscribe',
  '/digest',
  '/settings',
  '/topics',
  '/help',
];

describe('SQL is parameterised everywhere', () => {
  it('answers every command with hostile arguments and keeps the store whole', async () => {
    const fixture = await openCommandFixture({ subscriptions: 'sqlite' });
    const before = await fixture.stories.countStories();
    let tried = 0;
    let user = 0;
    for (const command of COMMANDS) {
      for (const payload of PAYLOADS) {
        user += 1;
        const reply = await fixture.send(`${command} ${payload}`, privateChat(`u${user}`));
        tried += 1;
        expect(reply, `${command} ${payload}`).not.toEqual(SOMETHING_WENT_WRONG);
      }
    }
    expect(fixture.errors).toEqual([]);
    expect(await fixture.stories.countStories()).toBe(before);
    for (const id of Object.values(fixture.ids))
      expect(await fixture.stories.getStory(id)).toBeDefined();
    const subscribed = await fixture.subscriptions.listSubscriptions();
    const topics = subscribed.flatMap((s) => s.filters.includeTopics);
    expect(topics).toContain('stories;');
    expect(topics).toContain("robert');");
    console.log(
      `[reliability] sql through commands: inputs tried ${tried}, rejected 0, crashes 0, hangs 0 (${before} stories, ${subscribed.length} subscriptions kept)`,
    );
  });

  it('stores hostile story fields as text and finds them again', async () => {
    const store = await openStore({ kind: 'sqlite', path: ':memory:' });
    const engine = createTextEngine();
    const pipeline = createIngestPipeline({
      stories: store.stories,
      engine,
      clock: createManualClock(new Date('2025-07-03T12:00:00Z')),
      log: silentLog,
      settings: { sourceName: 'Herald', language: 'en', maxFutureSkewMs: 86_400_000 },
    });
    const items = PAYLOADS.map((p, i) => ({
      id: `sql-${i}`,
      title: `Title ${p} number ${i}`,
      body: `Body with ${p} inside.\n\nMore ${p}; -- text for story ${i}.`,
      source: p,
      section: p,
      topics: [p, `${p}-${i}`],
      url: `https://news.example/${i}?q=${encodeURIComponent(p)}`,
      origin: { kind: 'feed' as const, ref: `https://news.example/feed?${encodeURIComponent(p)}` },
    }));
    const report = await pipeline.ingest(items);
    expect(report.rejected).toEqual([]);
    expect(await store.stories.countStories()).toBe(PAYLOADS.length);
    for (const [i, p] of PAYLOADS.entries()) {
      const story = await store.stories.getStory(`sql-${i}`);
      expect(story?.source).toBe(p);
      expect(story?.topics).toContain(p);
      await store.stories.searchStories(p, 5);
      await store.stories.latestStories({ limit: 5, topic: p });
    }
    const hits = await store.stories.searchStories('DROP TABLE stories', 5);
    expect(hits.length).toBeGreaterThan(0);
    expect(await store.stories.topicCounts()).toContainEqual({
      topic: "'; DROP TABLE stories; --",
      count: 1,
    });
    console.log(
      `[reliability] sql through stored fields: inputs tried ${PAYLOADS.length * 6}, rejected 0, crashes 0, hangs 0 (store whole: ${await store.stories.countStories()} stories)`,
    );
    await store.close();
  });
});
