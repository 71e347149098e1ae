import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openSqliteDatabase,
  StoreOpenError,
  type SqliteDatabase,
} from '../../src/store/sqlite/database.ts';
import { migrations } from '../../src/store/sqlite/migrations.ts';
import { draftParams } from '../../src/store/sqlite/story-rows.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { makeDraft } from '../support/drafts.ts';

describe('SQLite database', () => {
  const dirs: string[] = [];
  const tempFile = () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-db-'));
    dirs.push(dir);
    return join(dir, 'nested', 'herald.db');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the folder, uses WAL and applies every migration once', () => {
    const path = tempFile();
    const db = openSqliteDatabase(path);
    const latest = Math.max(...migrations.map((m) => m.version));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    db.close();
    const again = openSqliteDatabase(path);
    expect(again.pragma('user_version', { simple: true })).toBe(latest);
    again.close();
  });

  it('refuses a store whose schema is newer than this Herald, naming both versions', () => {
    const path = tempFile();
    const db = openSqliteDatabase(path);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openSqliteDatabase(path)).toThrow(StoreOpenError);
    expect(() => openSqliteDatabase(path)).toThrow(/schema version 999, newer than this Herald/);
  });

  it('rolls back a migration that fails, leaving the version where it was', () => {
    const path = tempFile();
    const broken = [
      ...migrations,
      {
        version: 1000,
        name: 'broken',
        up: (d: Parameters<(typeof migrations)[number]['up']>[0]) => {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => openSqliteDatabase(path, broken)).toThrow('boom');
    const db = openSqliteDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBeLessThan(1000);
    expect(
      db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get(),
    ).toBeUndefined();
    db.close();
  });

  it('upgrades a version 5 store: topics written before stay, stories written after get theirs', async () => {
    const path = tempFile();
    const old = openSqliteDatabase(
      path,
      migrations.filter((m) => m.version <= 5),
    );
    const before = makeDraft({ topics: ['world'] });
    // A version 5 Herald wrote the topics rows itself.
    const seq = Number(createSqliteStoryStoreRow(old, before));
    old.prepare('INSERT INTO story_topics (topic, story_seq) VALUES (?, ?)').run('world', seq);
    old.close();
    const db = openSqliteDatabase(path);
    const stories = createSqliteStoryStore(db);
    await stories.upsertStory(makeDraft({ topics: ['World', 'sport'] }), new Date());
    expect(await stories.topicCounts()).toEqual([
      { topic: expect.stringMatching(/^world$/i) as string, count: 2 },
      { topic: 'sport', count: 1 },
    ]);
    // Full-text rows: the one a version 5 Herald's trigger wrote, and the new story's.
    expect((await stories.searchStories(before.title, 5)).map((h) => h.story.id)).toContain(
      before.id,
    );
    expect(await stories.countStories()).toBe(2);
    db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')");
    db.close();
  });
});

describe('SQLite search text migration (version 12)', () => {
  it('gives the stories stored before their search text, and rebuilds the index', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-db-'));
    const path = join(dir, 'herald.db');
    try {
      const old = openSqliteDatabase(
        path,
        migrations.filter((m) => m.version < 12),
      );
      const zh = makeDraft({
        language: 'zh',
        title: '俄罗斯承认塔利班政府',
        body: '喀布尔周四宣布。',
      });
      const en = makeDraft({ title: 'Taliban government recognised', body: 'In Kabul.' });
      for (const draft of [zh, en]) {
        const seq = createSqliteStoryStoreRow(old, draft);
        old
          .prepare('INSERT INTO stories_fts (rowid, title, body) VALUES (?, ?, ?)')
          .run(seq, draft.title, draft.body);
      }
      old.close();
      const db = openSqliteDatabase(path);
      const stories = createSqliteStoryStore(db);
      const found = async (text: string) =>
        (await stories.searchStories(text, 5)).map((h) => h.story.id);
      expect(await found('塔利班')).toEqual([zh.id]);
      expect(await found('recognised')).toEqual([en.id]);
      db.exec("INSERT INTO stories_fts (stories_fts) VALUES ('integrity-check')");
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A story row as a version 5 Herald wrote it (the columns it had: all but the search text). */
function createSqliteStoryStoreRow(db: SqliteDatabase, draft: ReturnType<typeof makeDraft>) {
  const { search_text: _searchText, ...params } = draftParams(draft);
  const names = Object.keys(params);
  return db
    .prepare(
      `INSERT INTO stories (${names.join(', ')}, ingested_at, updated_at)
       VALUES (${names.map((n) => `@${n}`).join(', ')}, 0, 0)`,
    )
    .run(params).lastInsertRowid;
}
