import pg from 'pg';
import type { Pool, PoolClient, QueryResultRow } from 'pg';

export type PgPool = Pool;
export type PgClient = PoolClient;
/** What both a pool and a checked-out client can do: run one parameterised query. */
export type PgQueryable = Pick<Pool, 'query'>;

const INT8_OID = 20;

/** int8 (COUNT(*), bigint ids, ms times) read as a number: Herald's values stay below 2^53. */
const types = new pg.TypeOverrides();
types.setTypeParser(INT8_OID, 'text', (value: string) => Number(value));

/** The store cannot reach, open or migrate its PostgreSQL database; says what to do about it. */
export class PostgresStoreError extends Error {
  override readonly name = 'PostgresStoreError';
  constructor(
    message: string,
    /** The database URL with any password masked. */
    readonly url: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface PoolOptions {
  /** Most connections at once (default 10). */
  max?: number;
  applicationName?: string;
}

/** A pool on `url` (nothing connects until the first query). */
export function createPgPool(url: string, options: PoolOptions = {}): PgPool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    types,
    application_name: options.applicationName ?? 'herald',
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return pool;
}

/** Runs `work` in one transaction on one client: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(
  pool: PgPool,
  work: (client: PgClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The rows of one query, typed by the caller. */
export async function rowsOf<R extends QueryResultRow>(
  db: PgQueryable,
  text: string,
  values: readonly unknown[] = [],
): Promise<R[]> {
  const result = await db.query<R>(text, [...values]);
  return result.rows;
}

/** How many rows one statement changed. */
export async function changed(
  db: PgQueryable,
  text: string,
  values: readonly unknown[] = [],
): Promise<number> {
  const result = await db.query(text, [...values]);
  return result.rowCount ?? 0;
}

/** The URL with its password masked, for messages and logs. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}
