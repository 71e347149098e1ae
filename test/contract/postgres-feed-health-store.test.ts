import { createPgFeedHealthStore } from '../../src/store/postgres/feed-health-store.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';
import { feedHealthStoreContract } from './feed-health-store.contract.ts';

const schema = useTestSchema();

describePostgres('PostgreSQL feed health store', () => {
  feedHealthStoreContract('PostgreSQL (schema per file)', {
    open: async () => {
      const { pool, close } = await schema.open();
      return { health: createPgFeedHealthStore(pool), close };
    },
  });
});
