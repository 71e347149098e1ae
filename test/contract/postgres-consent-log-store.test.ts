import { createPgConsentLogStore } from '../../src/store/postgres/consent-log-store.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';
import { consentLogStoreContract } from './consent-log-store.contract.ts';

const schema = useTestSchema();

describePostgres('PostgreSQL consent log store', () => {
  consentLogStoreContract('PostgreSQL (schema per file)', {
    open: async () => {
      const { pool, close } = await schema.open();
      return { log: createPgConsentLogStore(pool), close };
    },
  });
});
