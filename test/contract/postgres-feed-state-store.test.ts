import { createPgFeedStateStore } from '../../src/store/postgres/feed-state-store.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';
import { feedStateStoreContract } from './feed-state-store.contract.ts';

const schema = useTestSchema();

describePostgres('PostgreSQL feed state store', () => {
  feedStateStoreContract('PostgreSQL (schema per file)', {
    open: async () => {
      const { pool, close } = await schema.open();
      return { states: createPgFeedStateStore(pool), close };
    },
  });
});
