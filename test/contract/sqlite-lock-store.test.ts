import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteLockStore } from '../../src/store/sqlite/lock-store.ts';
import { lockStoreContract } from './lock-store.contract.ts';

lockStoreContract('SQLite (in memory)', {
  open: () => {
    const db = openSqliteDatabase(':memory:');
    return Promise.resolve({
      locks: createSqliteLockStore(db),
      close: () => Promise.resolve(void db.close()),
    });
  },
});
