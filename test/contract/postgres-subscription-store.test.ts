import { createPgOutboxStore } from '../../src/store/postgres/outbox-store.ts';
import { createPgSubscriptionStore } from '../../src/store/postgres/subscription-store.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';
import { subscriptionStoreContract } from './subscription-store.contract.ts';

const schema = useTestSchema();

describePostgres('PostgreSQL subscription store', () => {
  subscriptionStoreContract('PostgreSQL (schema per file)', {
    open: async () => {
      const { pool, close } = await schema.open();
      return { store: createPgSubscriptionStore(pool), outbox: createPgOutboxStore(pool), close };
    },
  });
});
