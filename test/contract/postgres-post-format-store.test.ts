import { createPgPostFormatStore } from '../../src/store/postgres/post-format-store.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';
import { postFormatStoreContract } from './post-format-store.contract.ts';

const schema = useTestSchema();

describePostgres('PostgreSQL post format store', () => {
  postFormatStoreContract('PostgreSQL (schema per file)', {
    open: async () => {
      const { pool, close } = await schema.open(4);
      return { formats: createPgPostFormatStore(pool), close };
    },
  });
});
