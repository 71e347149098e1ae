import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteOutboxStore } from '../../src/store/sqlite/outbox-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import { subscriptionStoreContract } from './subscription-store.contract.ts';

subscriptionStoreContract('SQLite (in memory)', {
  open: () => {
    const db = openSqliteDatabase(':memory:');
    return Promise.resolve({
      store: createSqliteSubscriptionStore(db),
      outbox: createSqliteOutboxStore(db),
      close: () => Promise.resolve(void db.close()),
    });
  },
});
