import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteEventStore } from '../../src/store/sqlite/event-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import { eventStoreContract } from './event-store.contract.ts';

function ports(path: string) {
  const db = openSqliteDatabase(path);
  return { db, stories: createSqliteStoryStore(db), events: createSqliteEventStore(db) };
}

eventStoreContract('SQLite (file, WAL)', {
  open: () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-events-'));
    const path = join(dir, 'h.db');
    const first = ports(path);
    const opened = [first];
    return Promise.resolve({
      ...first,
      again: () => {
        const next = ports(path);
        opened.push(next);
        return Promise.resolve(next);
      },
      close: () => {
        for (const p of opened) p.db.close();
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
  },
});
