import { createPgEventStore } from '../../src/store/postgres/event-store.ts';
import { createPgStoryStore } from '../../src/store/postgres/story-store.ts';
import { createPgPool, type PgPool } from '../../src/store/postgres/pool.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';
import { eventStoreContract } from './event-store.contract.ts';

const schema = useTestSchema();

const ports = (pool: PgPool) => ({
  stories: createPgStoryStore(pool),
  events: createPgEventStore(pool),
});

describePostgres('PostgreSQL event store', () => {
  eventStoreContract('PostgreSQL (schema per file)', {
    open: async () => {
      const opened = await schema.open();
      const pools = [opened.pool];
      return {
        ...ports(opened.pool),
        again: () => {
          const pool = createPgPool(opened.url, { max: 5 });
          pools.push(pool);
          return Promise.resolve(ports(pool));
        },
        close: async () => {
          for (const pool of pools) if (!pool.ended && !pool.ending) await pool.end();
        },
      };
    },
  });
});
