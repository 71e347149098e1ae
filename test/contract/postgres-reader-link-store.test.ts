import { createPgReaderLinkStore } from '../../src/store/postgres/reader-link-store.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';
import { readerLinkStoreContract } from './reader-link-store.contract.ts';

const schema = useTestSchema();

describePostgres('PostgreSQL reader link store', () => {
  readerLinkStoreContract('PostgreSQL (schema per file)', {
    open: async () => {
      const { pool, close } = await schema.open(4);
      return { links: createPgReaderLinkStore(pool), close };
    },
  });
});
