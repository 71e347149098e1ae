import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteProcessRegistry } from '../../src/store/sqlite/process-registry.ts';
import { processRegistryContract } from './process-registry.contract.ts';

processRegistryContract('SQLite (in memory)', {
  open: () => {
    const db = openSqliteDatabase(':memory:');
    return Promise.resolve({
      processes: createSqliteProcessRegistry(db),
      close: () => Promise.resolve(void db.close()),
    });
  },
});
