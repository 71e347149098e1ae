import { createPgOutboxStore } from '../../src/store/postgres/outbox-store.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';
import { outboxStoreContract } from './outbox-store.contract.ts';

const schema = useTestSchema();

describePostgres('PostgreSQL outbox store', () => {
  outboxStoreContract('PostgreSQL (schema per file)', {
    open: async () => {
      const { pool, close } = await schema.open();
      return { outbox: createPgOutboxStore(pool), close };
    },
  });
});
