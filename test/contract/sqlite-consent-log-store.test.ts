import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteConsentLogStore } from '../../src/store/sqlite/consent-log-store.ts';
import { consentLogStoreContract } from './consent-log-store.contract.ts';

consentLogStoreContract('SQLite (in memory)', {
  open: () => {
    const db = openSqliteDatabase(':memory:');
    return Promise.resolve({
      log: createSqliteConsentLogStore(db),
      close: () => Promise.resolve(void db.close()),
    });
  },
});
