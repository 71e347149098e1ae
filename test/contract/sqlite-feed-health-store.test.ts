import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteFeedHealthStore } from '../../src/store/sqlite/feed-health-store.ts';
import { feedHealthStoreContract } from './feed-health-store.contract.ts';

feedHealthStoreContract('SQLite (in memory)', {
  open: () => {
    const db = openSqliteDatabase(':memory:');
    return Promise.resolve({
      health: createSqliteFeedHealthStore(db),
      close: () => Promise.resolve(void db.close()),
    });
  },
});
