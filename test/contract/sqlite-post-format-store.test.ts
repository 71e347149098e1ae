import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqlitePostFormatStore } from '../../src/store/sqlite/post-format-store.ts';
import { postFormatStoreContract } from './post-format-store.contract.ts';

postFormatStoreContract('SQLite (in memory)', {
  open: () => {
    const db = openSqliteDatabase(':memory:');
    return Promise.resolve({
      formats: createSqlitePostFormatStore(db),
      close: () => Promise.resolve(void db.close()),
    });
  },
});
