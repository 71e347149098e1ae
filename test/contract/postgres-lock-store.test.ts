import { createPgLockStore } from '../../src/store/postgres/lock-store.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';
import { lockStoreContract } from './lock-store.contract.ts';

const schema = useTestSchema();

describePostgres('PostgreSQL lock store', () => {
  lockStoreContract('PostgreSQL (schema per file)', {
    open: async () => {
      const { pool, close } = await schema.open(8);
      return { locks: createPgLockStore(pool), close };
    },
  });
});
