import { afterEach, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.ts';
import { createApp } from '../../src/app/create-app.ts';
import { createLogger } from '../../src/app/log.ts';
import { runCli } from '../../src/cli/main.ts';
import { openStore } from '../../src/store/open-store.ts';
import { migratePostgres, pgMigrations } from '../../src/store/postgres/migrations.ts';
import { createPgStoryStore } from '../../src/store/postgres/story-store.ts';
import { createPgPool, type PgPool } from '../../src/store/postgres/pool.ts';
import { DRAFT_COLUMNS, draftValues } from '../../src/store/postgres/story-rows.ts';
import { makeDraft } from '../support/drafts.ts';
import { createTestSchema, describePostgres, type TestSchema } from '../support/postgres.ts';

const LATEST = Math.max(...pgMigrations.map((m) => m.version));
let schema: TestSchema | undefined;
let pools: PgPool[] = [];
afterEach(async () => {
  await Promise.all(pools.map((p) => p.end()));
  pools = [];
  await schema?.drop();
  schema = undefined;
});

async function freshSchema(): Promise<string> {
  schema = await createTestSchema();
  return schema.url;
}

function pool(url: string): PgPool {
  const p = createPgPool(url, { max: 2 });
  pools.push(p);
  return p;
}

describePostgres('PostgreSQL migrations', () => {
  it('migration 11 gives the stories stored before their search text', async () => {
    const url = await freshSchema();
    const db = pool(url);
    await migratePostgres(
      db,
      url,
      pgMigrations.filter((m) => m.version < 11),
    );
    const stories = createPgStoryStore(db);
    const zh = makeDraft({
      language: 'zh',
      title: '俄罗斯承认塔利班政府',
      body: '喀布尔周四宣布。',
    });
    // As a Herald before version 11 wrote it: search on title and body only (and by hand: this
    // Herald's store reads columns that schema does not have yet).
    const n = DRAFT_COLUMNS.length;
    await db.query(
      `INSERT INTO stories (${DRAFT_COLUMNS.join(', ')}, search, ingested_at, updated_at)
       VALUES (${DRAFT_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')},
         setweight(to_tsvector('english', $2), 'A') || setweight(to_tsvector('english', $3), 'B'),
         $${n + 1}, $${n + 1})`,
      [...draftValues(zh), new Date()],
    );
    await migratePostgres(db, url);
    expect((await stories.searchStories('塔利班', 5)).map((h) => h.story.id)).toEqual([zh.id]);
  });

  it('migrates a fresh schema once, even with three processes starting together', async () => {
    const url = await freshSchema();
    const reports = await Promise.all([1, 2, 3].map(() => migratePostgres(pool(url), url)));
    expect(reports.map((r) => r.applied).sort()).toEqual([0, 0, pgMigrations.length]);
    expect(reports.every((r) => r.to === LATEST)).toBe(true);
    expect(await migratePostgres(pool(url), url)).toEqual({ from: LATEST, to: LATEST, applied: 0 });
  });

  it('refuses a schema newer than this Herald (open, herald start), changing nothing', async () => {
    const url = await freshSchema();
    const p = pool(url);
    await migratePostgres(p, url);
    await p.query(`INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')`);
    await expect(openStore({ kind: 'postgres', url })).rejects.toThrow(
      `schema version 99, newer than this Herald (${LATEST}); upgrade Herald`,
    );
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
    const start = createApp({ config, log: createLogger(config), platforms: [] });
    await expect(start).rejects.toThrow(`has schema version 99, newer than this Herald`);
    const { rows } = await p.query<{ n: number }>('SELECT COUNT(*) AS n FROM schema_migrations');
    expect(rows[0]?.n).toBe(pgMigrations.length + 1);
  });

  it('says which server it cannot reach, without the password', async () => {
    const url = 'postgres://herald:secret@127.0.0.1:1/none';
    await expect(openStore({ kind: 'postgres', url })).rejects.toThrow(
      /cannot reach PostgreSQL at postgres:\/\/herald:\*\*\*@127\.0\.0\.1:1\/none/,
    );
  });

  it('is chosen by a postgres:// DATABASE_URL and serves every port', async () => {
    const url = await freshSchema();
    const config = loadConfig({ DATABASE_URL: url });
    expect(config.database).toEqual({ kind: 'postgres', url });
    expect(loadConfig({ DATABASE_URL: 'data/x.db' }).database).toEqual({
      kind: 'sqlite',
      path: 'data/x.db',
    });
    const store = await openStore(config.database);
    try {
      expect(store.kind).toBe('postgres');
      expect(store.schema).toEqual({ version: LATEST, applied: pgMigrations.length });
      await store.stories.upsertStory(makeDraft({ title: 'Scale out' }), new Date());
      expect((await store.stories.searchStories('scale', 5)).length).toBe(1);
      expect(await store.locks.acquire('whatsapp', 'me', 1000, new Date())).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('herald migrate applies the migrations and prints the version', async () => {
    const url = await freshSchema();
    const printed: string[] = [];
    const herald = (...argv: string[]) =>
      runCli(argv, {
        env: { DATABASE_URL: url, LOG_LEVEL: 'silent' },
        out: (t) => printed.push(t),
      });
    expect(await herald('migrate')).toBe(0);
    expect(await herald('migrate', '--json')).toBe(0);
    expect(printed[0]).toBe(
      `postgres store at schema version ${LATEST} (${pgMigrations.length} migration(s) applied now)`,
    );
    expect(JSON.parse(printed[1] ?? '')).toEqual({
      engine: 'postgres',
      version: LATEST,
      applied: 0,
    });
  });
});
