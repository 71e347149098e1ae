import { createPgProcessRegistry } from '../../src/store/postgres/process-registry.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';
import { processRegistryContract } from './process-registry.contract.ts';

const schema = useTestSchema();

describePostgres('PostgreSQL process registry', () => {
  processRegistryContract('PostgreSQL (schema per file)', {
    open: async () => {
      const { pool, close } = await schema.open(4);
      return { processes: createPgProcessRegistry(pool), close };
    },
  });
});
