import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteOutboxStore } from '../../src/store/sqlite/outbox-store.ts';
import { outboxStoreContract } from './outbox-store.contract.ts';

outboxStoreContract('SQLite (in memory)', {
  open: () => {
    const db = openSqliteDatabase(':memory:');
    return Promise.resolve({
      outbox: createSqliteOutboxStore(db),
      close: () => Promise.resolve(void db.close()),
    });
  },
});

outboxStoreContract('SQLite (file, WAL)', {
  open: () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-outbox-'));
    const db = openSqliteDatabase(join(dir, 'h.db'));
    return Promise.resolve({
      outbox: createSqliteOutboxStore(db),
      close: () => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
        return Promise.resolve();
      },
    });
  },
});
