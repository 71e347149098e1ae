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
});
