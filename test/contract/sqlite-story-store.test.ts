import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { storySearchLanguagesContract } from './story-search-languages.contract.ts';
import { storyStoreContract } from './story-store.contract.ts';

storyStoreContract('SQLite (in memory)', {
  open: () => Promise.resolve(createSqliteStoryStore(openSqliteDatabase(':memory:'))),
});

const dirs: string[] = [];
storyStoreContract('SQLite (file, WAL)', {
  open: () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-store-'));
    dirs.push(dir);
    return Promise.resolve(createSqliteStoryStore(openSqliteDatabase(join(dir, 'h.db'))));
  },
  dispose: async (store) => {
    await store.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  },
});

storySearchLanguagesContract('SQLite (in memory)', {
  open: () => Promise.resolve(createSqliteStoryStore(openSqliteDatabase(':memory:'))),
});
