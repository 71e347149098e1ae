import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteReaderLinkStore } from '../../src/store/sqlite/reader-link-store.ts';
import { readerLinkStoreContract } from './reader-link-store.contract.ts';

readerLinkStoreContract('SQLite (in memory)', {
  open: () => {
    const db = openSqliteDatabase(':memory:');
    return Promise.resolve({
      links: createSqliteReaderLinkStore(db),
      close: () => Promise.resolve(void db.close()),
    });
  },
});
