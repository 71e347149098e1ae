/**
 * PostgreSQL for tests: the server at HERALD_TEST_DATABASE_URL (default: the local `test`
 * database), one fresh schema per store opened (created, migrated, dropped afterwards), so
 * test files run in parallel without seeing each other's rows.
 *
 * The skip rule: without a server, the PostgreSQL tests are skipped with a visible reason,
 * except under CI=true, where they run and fail loudly.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { migratePostgres } from '../../src/store/postgres/migrations.ts';
import { createPgPool, type PgPool } from '../../src/store/postgres/pool.ts';

export const PG_TEST_URL =
  process.env.HERALD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const underCi = process.env.CI === 'true';

async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = underCi ? undefined : await probe();
if (unreachable !== undefined) {
  console.warn(
    `PostgreSQL tests skipped: no server answers at ${PG_TEST_URL} (${unreachable}). ` +
      'Start one or set HERALD_TEST_DATABASE_URL; under CI=true they run and fail instead.',
  );
}

/** True when the PostgreSQL tests of this run are skipped (never under CI=true). */
export const skipPostgres = unreachable !== undefined;

/** `describe`, skipped (with the warning above) when no PostgreSQL server answers. */
export function describePostgres(name: string, body: () => void): void {
  describe.skipIf(skipPostgres)(name, body);
}

/** A fresh schema on the test server and the URL whose search_path selects it. */
export interface TestSchema {
  schema: string;
  url: string;
  drop(): Promise<void>;
}

/** Test schemas are named with their creation time; older than this, a killed run left them. */
const STALE_SECONDS = 3600;

export async function createTestSchema(): Promise<TestSchema> {
  const now = Math.floor(Date.now() / 1000);
  const schema = `herald_test_${now}_${randomBytes(4).toString('hex')}`;
  await dropStaleSchemas(now);
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(PG_TEST_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { schema, url: url.toString(), drop: () => admin(`DROP SCHEMA ${schema} CASCADE`) };
}

/** Drops the schemas of test runs killed before their cleanup (over an hour old). */
async function dropStaleSchemas(now: number): Promise<void> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname ~ '^herald_test_[0-9]+_'`,
    );
    const stale = rows.filter((r) => now - Number(r.name.split('_')[2]) > STALE_SECONDS);
    for (const { name } of stale) {
      await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestPool {
  pool: PgPool;
  url: string;
  /** Ends the pool (the schema stays for the file's next test). */
  close: () => Promise<void>;
}

/**
 * One schema for the whole test file (call at its top level): created and migrated on first
 * use, emptied before each `open()`, dropped after the file. Each `open()` gets its own pool.
 */
export function useTestSchema(): { open(max?: number): Promise<TestPool>; url(): Promise<string> } {
  let ready: Promise<TestSchema> | undefined;
  const schema = () => (ready ??= migratedSchema());
  afterAll(async () => {
    if (ready !== undefined) await (await ready).drop();
  });
  return {
    url: async () => (await schema()).url,
    open: async (max = 5) => {
      const { url } = await schema();
      const pool = createPgPool(url, { max, applicationName: 'herald-test' });
      await emptyTables(pool);
      const close = async () => {
        if (!pool.ended && !pool.ending) await pool.end();
      };
      return { pool, url, close };
    },
  };
}

async function migratedSchema(): Promise<TestSchema> {
  const schema = await createTestSchema();
  const pool = createPgPool(schema.url, { max: 1 });
  try {
    await migratePostgres(pool, schema.url);
  } finally {
    await pool.end();
  }
  return schema;
}

async function emptyTables(pool: PgPool): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables
     WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'`,
  );
  for (const { name } of rows) await pool.query(`DELETE FROM ${name}`);
}
