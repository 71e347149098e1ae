import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoryStore } from '../../src/store/story-store.ts';
import { makeDraft } from '../support/drafts.ts';

/** A fresh, empty store per test, and a way to dispose of it. */
export interface StoreHarness {
  open(): Promise<StoryStore>;
  dispose?(store: StoryStore): Promise<void>;
}

const NOW = new Date('2026-06-01T12:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

/** The StoryStore contract: every implementation runs this suite unchanged. */
export function storyStoreContract(name: string, harness: StoreHarness): void {
  describe(`StoryStore contract: ${name}`, () => {
    let store: StoryStore;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await (harness.dispose ?? ((s: StoryStore) => s.close()))(store);
    });

    it('says new, then unchanged, then changed, keeping the id and the ingest time', async () => {
      const draft = makeDraft({ title: 'First title' });
      const first = await store.upsertStory(draft, at(0));
      expect(first.outcome).toBe('new');
      expect((await store.upsertStory(draft, at(1))).outcome).toBe('unchanged');
      const edited = makeDraft({ ...draft, body: 'An edited body.' });
      const changed = await store.upsertStory(edited, at(2));
      expect(changed.outcome).toBe('changed');
      expect(changed.story.id).toBe(draft.id);
      expect(changed.story.body).toBe('An edited body.');
      expect(changed.story.ingestedAt).toEqual(at(0));
      expect(changed.story.updatedAt).toEqual(at(2));
      expect(await store.countStories()).toBe(1);
    });

    it('returns a new story exactly as it reads back', async () => {
      const full = makeDraft({
        title: 'Harbour bridge reopens',
        section: 'City',
        topics: ['city', 'transport'],
        imageUrl: 'https://img.example/bridge.jpg',
        keywords: ['bridge', 'harbour'],
        entities: ['Harbour Bridge'],
        summary: ['The bridge reopened.'],
        duplicateOf: 'abc123abc123',
      });
      const bare = makeDraft({ title: 'Bare story', topics: [], keywords: [], summary: [] });
      for (const draft of [full, bare]) {
        const { story } = await store.upsertStory(draft, at(5));
        expect(story).toEqual(await store.getStory(draft.id));
      }
    });

    it('counts a change of topics or image as a change', async () => {
      const draft = makeDraft({ topics: ['world'] });
      await store.upsertStory(draft, at(0));
      const retagged = await store.upsertStory({ ...draft, topics: ['world', 'asia'] }, at(1));
      expect(retagged.outcome).toBe('changed');
      expect(retagged.story.topics).toEqual(['world', 'asia']);
    });

    it('keeps the first-seen time of a story whose date was never known', async () => {
      const draft = makeDraft({ dateEstimated: true, publishedAt: at(0) });
      await store.upsertStory(draft, at(0));
      const again = await store.upsertStory({ ...draft, publishedAt: at(30) }, at(30));
      expect(again.outcome).toBe('unchanged');
      expect(again.story.publishedAt).toEqual(at(0));
    });

    it('round-trips every field', async () => {
      const draft = makeDraft({
        title: 'Ünïcödé title — 東京 «quoted»',
        section: 'News',
        topics: ['world', 'Politics'],
        imageUrl: 'https://img.example/a.jpg',
        fingerprint: '0123456789abcdef',
        keywords: ['taliban', 'russia'],
        entities: ['Amir Khan Muttaqi'],
        summary: ['One sentence.', 'Two sentences.'],
        duplicateOf: 'abcdefabcdef',
        origin: { kind: 'content', ref: 'a/b.md' },
      });
      await store.upsertStory(draft, at(0));
      const got = await store.getStory(draft.id);
      expect(got).toMatchObject({ ...draft, ingestedAt: at(0), updatedAt: at(0) });
      expect(await store.getStory('missing')).toBeUndefined();
    });

    it('lists the latest stories newest first, optionally by topic (any case)', async () => {
      const old = makeDraft({ publishedAt: at(-60), topics: ['sport'] });
      const mid = makeDraft({ publishedAt: at(-30), topics: ['World'] });
      const fresh = makeDraft({ publishedAt: at(-1), topics: ['world', 'sport'] });
      for (const d of [mid, old, fresh]) await store.upsertStory(d, NOW);
      const ids = (s: { id: string }[]) => s.map((x) => x.id);
      expect(ids(await store.latestStories({ limit: 10 }))).toEqual([fresh.id, mid.id, old.id]);
      expect(ids(await store.latestStories({ limit: 2 }))).toEqual([fresh.id, mid.id]);
      expect(ids(await store.latestStories({ limit: 10, topic: 'WORLD' }))).toEqual([
        fresh.id,
        mid.id,
      ]);
      expect(await store.latestStories({ limit: 10, topic: 'none' })).toEqual([]);
    });

    it('counts topics, most used first', async () => {
      await store.upsertStory(makeDraft({ topics: ['world', 'sport'] }), NOW);
      await store.upsertStory(makeDraft({ topics: ['World'] }), NOW);
      const counts = await store.topicCounts();
      expect(counts[0]).toEqual({ topic: expect.stringMatching(/^world$/i) as string, count: 2 });
      expect(counts).toContainEqual({ topic: 'sport', count: 1 });
    });

    it('ranks search hits with title matches first', async () => {
      const inBody = makeDraft({
        title: 'Markets close higher',
        body: 'Traders mentioned the Taliban only once in passing.',
      });
      const inTitle = makeDraft({
        title: 'Russia recognises the Taliban government',
        body: 'Moscow became the first capital to recognise the Taliban government in Kabul.',
      });
      await store.upsertStory(inBody, NOW);
      await store.upsertStory(inTitle, NOW);
      const hits = await store.searchStories('taliban', 10);
      expect(hits.map((h) => h.story.id)).toEqual([inTitle.id, inBody.id]);
      expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Infinity);
      expect((await store.searchStories('russia taliban', 10))[0]?.story.id).toBe(inTitle.id);
    });

    it('breaks equal ranks newest first, also at the limit', async () => {
      const text = { title: 'Harbour bridge reopens', body: 'The harbour bridge reopened today.' };
      const days = [3, 1, 4, 2];
      const drafts = days.map((d) =>
        makeDraft({ ...text, publishedAt: new Date(NOW.getTime() - d * 86_400_000) }),
      );
      for (const d of drafts) await store.upsertStory(d, NOW);
      const newest = [drafts[1], drafts[3], drafts[0]].map((d) => d?.id);
      expect((await store.searchStories('harbour bridge', 3)).map((h) => h.story.id)).toEqual(
        newest,
      );
      expect((await store.searchStories('bridge', 1)).map((h) => h.story.id)).toEqual([
        drafts[1]?.id,
      ]);
    });

    it('finds inflected forms and accented words', async () => {
      const d = makeDraft({ title: 'Café owners recognized', body: 'Elections in São Paulo.' });
      await store.upsertStory(d, NOW);
      expect((await store.searchStories('recognize', 5))[0]?.story.id).toBe(d.id);
      expect((await store.searchStories('cafe', 5))[0]?.story.id).toBe(d.id);
      expect((await store.searchStories('sao paulo', 5))[0]?.story.id).toBe(d.id);
    });

    it('treats hostile query text as plain words', async () => {
      await store.upsertStory(makeDraft({ title: 'Near the border', body: 'OR else.' }), NOW);
      const hostile = [
        '"',
        '*',
        'OR',
        'NEAR(',
        '-',
        'AND',
        'NOT',
        '"unclosed',
        'title:x',
        '^',
        '(',
        ')',
        "'; DROP TABLE stories; --",
        'a" OR "b',
        '***',
        'NEAR(a b, 2)',
        '{title}: x',
        '',
        '   ',
        '\u0000',
        '🙂',
        'x'.repeat(10_000),
      ];
      for (const text of hostile) {
        await expect(store.searchStories(text, 5)).resolves.toBeInstanceOf(Array);
      }
      expect((await store.searchStories('NEAR(', 5)).length).toBe(1);
      expect(await store.countStories()).toBe(1);
    });

    it('searches unicode titles', async () => {
      const d = makeDraft({ title: 'Землетрясение в Токио', body: 'Новости дня.' });
      await store.upsertStory(d, NOW);
      expect((await store.searchStories('токио', 5))[0]?.story.id).toBe(d.id);
    });

    it('queues new stories for announcement until marked, and never re-queues a known one', async () => {
      const a = makeDraft();
      const b = makeDraft();
      const quiet = makeDraft();
      await store.upsertStory(a, at(0));
      await store.upsertStory(b, at(1));
      await store.upsertStory(quiet, at(2), { announce: false });
      expect((await store.pendingAnnouncements(10)).map((s) => s.id)).toEqual([a.id, b.id]);
      await store.markAnnounced([a.id]);
      expect((await store.pendingAnnouncements(10)).map((s) => s.id)).toEqual([b.id]);
      await store.upsertStory({ ...a, body: 'edited' }, at(3));
      await store.markAnnounced([b.id, b.id, 'missing']);
      expect(await store.pendingAnnouncements(10)).toEqual([]);
    });

    it('lists stories ingested since a time, oldest first, and pages through all', async () => {
      const a = makeDraft();
      const b = makeDraft();
      const c = makeDraft();
      await store.upsertStory(a, at(0));
      await store.upsertStory(b, at(5));
      await store.upsertStory(c, at(10));
      const since = await store.storiesSince(at(5), 10);
      expect(since.map((s) => s.id)).toEqual([b.id, c.id]);
      expect(await store.revisionsSince(at(5), 1)).toEqual([
        { id: b.id, source: b.source, language: b.language, contentHash: b.contentHash },
      ]);
      const first = await store.allStories(0, 2);
      const second = await store.allStories(first.lastRowId, 2);
      expect([...first.stories, ...second.stories].map((s) => s.id)).toEqual([a.id, b.id, c.id]);
      expect((await store.allStories(second.lastRowId, 2)).stories).toEqual([]);
    });
  });
}
