import { createPgStoryStore } from '../../src/store/postgres/story-store.ts';
import { describePostgres, useTestSchema } from '../support/postgres.ts';
import { storySearchLanguagesContract } from './story-search-languages.contract.ts';
import { storyStoreContract } from './story-store.contract.ts';

const schema = useTestSchema();

describePostgres('PostgreSQL story store', () => {
  storyStoreContract('PostgreSQL (schema per file)', {
    open: async () => createPgStoryStore((await schema.open()).pool),
  });
  storySearchLanguagesContract('PostgreSQL (schema per file)', {
    open: async () => createPgStoryStore((await schema.open()).pool),
  });
});
