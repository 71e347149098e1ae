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
});
