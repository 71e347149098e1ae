import { createMemoryFeedStateStore } from '../../src/store/feed-state-store.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteFeedStateStore } from '../../src/store/sqlite/feed-state-store.ts';
import { feedStateStoreContract } from './feed-state-store.contract.ts';

feedStateStoreContract('SQLite (in memory)', {
  open: () => {
    const db = openSqliteDatabase(':memory:');
    return Promise.resolve({
      states: createSqliteFeedStateStore(db),
      close: () => Promise.resolve(void db.close()),
    });
  },
});

feedStateStoreContract('memory', {
  open: () =>
    Promise.resolve({ states: createMemoryFeedStateStore(), close: () => Promise.resolve() }),
});
