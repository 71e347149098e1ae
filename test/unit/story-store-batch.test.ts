import { describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { makeDraft } from '../support/drafts.ts';

const now = new Date(Date.UTC(2026, 0, 2));

describe('SQLite story store batch (one commit)', () => {
  it('commits the upserts done inside it, and a nested batch joins the open one', async () => {
    const db = openSqliteDatabase(':memory:');
    const stories = createSqliteStoryStore(db);
    expect(stories).toHaveProperty('batch', expect.any(Function));
    await stories.batch?.(async () => {
      expect(db.inTransaction).toBe(true);
      await stories.upsertStory(makeDraft(), now);
      await stories.batch?.(async () => {
        await stories.upsertStory(makeDraft(), now);
      });
      expect(db.inTransaction).toBe(true);
    });
    expect(db.inTransaction).toBe(false);
    expect(await stories.countStories()).toBe(2);
  });

  it('keeps what completed when the work throws, and leaves no transaction open', async () => {
    const db = openSqliteDatabase(':memory:');
    const stories = createSqliteStoryStore(db);
    const failing = stories.batch?.(async () => {
      await stories.upsertStory(makeDraft(), now);
      throw new Error('enrichment broke');
    });
    await expect(failing).rejects.toThrow('enrichment broke');
    expect(db.inTransaction).toBe(false);
    expect(await stories.countStories()).toBe(1);
  });

  it('writes a story in one statement: one that fails inside a batch leaves nothing of it', async () => {
    const db = openSqliteDatabase(':memory:');
    const stories = createSqliteStoryStore(db);
    // A topics row that cannot be written makes the story's insert fail as a whole.
    db.exec(`CREATE TRIGGER refuse_topic BEFORE INSERT ON story_topics
      WHEN new.topic = 'refused' BEGIN SELECT RAISE(ABORT, 'topic refused'); END`);
    const kept = makeDraft({ topics: ['world'] });
    const refused = makeDraft({ topics: ['sport', 'refused'] });
    await stories.batch?.(async () => {
      await stories.upsertStory(kept, now);
      await expect(stories.upsertStory(refused, now)).rejects.toThrow('topic refused');
    });
    expect(await stories.getStory(refused.id)).toBeUndefined();
    // The full-text index holds the kept story alone.
    expect(db.prepare('SELECT COUNT(*) AS n FROM stories_fts_docsize').get()).toEqual({ n: 1 });
    expect(await stories.topicCounts()).toEqual([{ topic: 'world', count: 1 }]);
    expect((await stories.getStory(kept.id))?.topics).toEqual(['world']);
  });

  it('keeps the topic lists in step with a story retagged inside a batch', async () => {
    const db = openSqliteDatabase(':memory:');
    const stories = createSqliteStoryStore(db);
    const draft = makeDraft({ topics: ['world', 'World', 'asia'] });
    await stories.batch?.(async () => {
      await stories.upsertStory(draft, now);
      await stories.upsertStory({ ...draft, topics: ['sport'] }, now);
    });
    expect(await stories.topicCounts()).toEqual([{ topic: 'sport', count: 1 }]);
    const bySport = await stories.latestStories({ limit: 5, topic: 'SPORT' });
    expect(bySport.map((s) => s.id)).toEqual([draft.id]);
    expect(await stories.latestStories({ limit: 5, topic: 'world' })).toEqual([]);
  });

  it('indexes the new stories of a batch for search at its commit, also when the work throws', async () => {
    const db = openSqliteDatabase(':memory:');
    const stories = createSqliteStoryStore(db);
    const a = makeDraft({ title: 'Zeppelin lands in Lisbon' });
    const b = makeDraft({ title: 'Ferry strike in Oslo' });
    const failing = stories.batch?.(async () => {
      await stories.upsertStory(a, now);
      await stories.upsertStory(b, now);
      throw new Error('stopped half-way');
    });
    await expect(failing).rejects.toThrow('stopped half-way');
    expect((await stories.searchStories('zeppelin', 5)).map((h) => h.story.id)).toEqual([a.id]);
    expect((await stories.searchStories('ferry oslo', 5)).map((h) => h.story.id)).toEqual([b.id]);
    db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')");
  });

  it('keeps the full-text index whole when a story is changed in the batch that added it', async () => {
    const db = openSqliteDatabase(':memory:');
    const stories = createSqliteStoryStore(db);
    const draft = makeDraft({ title: 'Zeppelin lands in Lisbon' });
    await stories.batch?.(async () => {
      await stories.upsertStory(makeDraft({ title: 'Quiet day at the harbour' }), now);
      await stories.upsertStory(draft, now);
      await stories.upsertStory({ ...draft, title: 'Zeppelin lands in Porto' }, now);
      await stories.upsertStory(makeDraft({ title: 'Tram line reopens' }), now);
    });
    // FTS5 checks its index against the stories table: a text taken out that was never put
    // in (the update trigger, before the batch's rows were written) fails this.
    db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')");
    expect((await stories.searchStories('porto', 5)).map((h) => h.story.id)).toEqual([draft.id]);
    expect(await stories.searchStories('lisbon', 5)).toEqual([]);
    expect((await stories.searchStories('tram', 5)).length).toBe(1);
    expect((await stories.searchStories('harbour', 5)).length).toBe(1);
  });

  it('indexes a story written alone at once', async () => {
    const db = openSqliteDatabase(':memory:');
    const stories = createSqliteStoryStore(db);
    const draft = makeDraft({ title: 'Zeppelin lands in Lisbon' });
    await stories.upsertStory(draft, now);
    expect((await stories.searchStories('zeppelin', 5)).map((h) => h.story.id)).toEqual([draft.id]);
    db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')");
  });
});
