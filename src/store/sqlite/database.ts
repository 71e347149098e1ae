import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations, type Migration } from './migrations.ts';

export type SqliteDatabase = Database.Database;

/** The store cannot be opened or migrated; says what to do about it. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  constructor(
    message: string,
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The disk refused a write to the store (full, read-only, failing); says what to do. */
export class StoreDiskError extends Error {
  override readonly name = 'StoreDiskError';
  constructor(
    message: string,
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const WRITABLE =
  'make the data folder and the file writable by the user Herald runs as (chown/chmod), ' +
  'or point HERALD_DATA_DIR / DATABASE_URL at a writable place';

/** SQLite result codes (and file system codes) that mean the disk, not Herald, said no. */
const DISK_ADVICE: readonly [RegExp, string][] = [
  [
    /^(SQLITE_FULL|ENOSPC)/,
    'the disk is full: free some space (or move HERALD_DATA_DIR to a larger disk), then start Herald again',
  ],
  [/^(SQLITE_READONLY|EACCES|EPERM|EROFS)/, `it is read-only for this process: ${WRITABLE}`],
  [/^SQLITE_CANTOPEN/, `it cannot be opened or created: ${WRITABLE}`],
  [/^SQLITE_IOERR/, 'the disk failed to read or write it: check the disk (full, removed, failing)'],
];

/** What to tell the operator about a disk failure on the store at `path`; undefined if none. */
export function diskAdvice(err: unknown, path: string): string | undefined {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  const advice = DISK_ADVICE.find(([pattern]) => pattern.test(code))?.[1];
  return advice === undefined ? undefined : `the SQLite store at ${path}: ${advice} (${code})`;
}

/** Runs `work`; a disk failure on the store becomes a StoreDiskError that says what to do. */
export async function withDiskAdvice<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const advice = diskAdvice(err, path);
    if (advice === undefined) throw err;
    throw new StoreDiskError(advice, path, { cause: err });
  }
}

/** An error met while opening the store at `path`, as a StoreOpenError saying what to do. */
export function openError(err: unknown, path: string): StoreOpenError {
  const message =
    diskAdvice(err, path) ?? `cannot open the SQLite store at ${path}: ${String(err)}`;
  return new StoreOpenError(message, path, { cause: err });
}

/**
 * Opens (creating it when missing) the SQLite file at `path`, in WAL mode, and applies the
 * pending migrations. Refuses a file whose schema is newer than this version of Herald, and a
 * store it cannot write (a read-only folder or file) with a StoreOpenError saying what to do.
 */
export function openSqliteDatabase(
  path: string,
  list: readonly Migration[] = migrations,
): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (err) {
    throw openError(err, path);
  }
  try {
    configure(db);
    migrate(db, list, path);
    proveWritable(db);
  } catch (err) {
    db.close();
    throw err instanceof StoreOpenError ? err : openError(err, path);
  }
  return db;
}

/** A read-only file opens fine and fails at its first write: write the header once now. */
function proveWritable(db: SqliteDatabase): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  db.pragma(`user_version = ${version}`);
}

/**
 * How long a statement waits for another process's write to end (a one-shot command beside
 * the bot, two commands at once) before failing with "database is locked".
 */
export const BUSY_TIMEOUT_MS = 10_000;

function configure(db: SqliteDatabase): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

/**
 * `fn` as a write transaction that takes the write lock at its start (BEGIN IMMEDIATE), so a
 * process that finds another writing waits its turn (busy_timeout). A deferred BEGIN reads
 * first and fails at once (SQLITE_BUSY) when another process wrote in between.
 *
 * It never runs inside a batch (`openBatch`) left open across awaits by other work on this
 * connection: the batch's writes so far are committed first, this transaction commits on its
 * own, and the batch goes on in a new transaction. So a sent mark is durable when its promise
 * resolves, whatever else is open (ADR 0019). Nested in another writeTransaction, it is a
 * savepoint of that one.
 */
export function writeTransaction<A extends unknown[], R>(
  db: SqliteDatabase,
  fn: (...args: A) => R,
): (...args: A) => R {
  const tx = db.transaction(fn);
  return (...args: A) => {
    const batch = batches.get(db);
    if (batch === undefined || batch.suspended || !db.inTransaction) return tx.immediate(...args);
    batch.suspended = true;
    try {
      batch.beforeCommit();
      db.exec('COMMIT');
      return tx.immediate(...args);
    } finally {
      batch.suspended = false;
      if (!inTransaction(db)) db.exec('BEGIN IMMEDIATE');
    }
  };
}

/** Read through a call: the flag changes inside the calls above, which narrowing cannot see. */
function inTransaction(db: SqliteDatabase): boolean {
  return db.inTransaction;
}

/** A transaction held open across awaits (the story store's ingest batch). */
interface OpenBatch {
  /** Writes what the batch deferred to its commit (the new stories' full-text rows). */
  beforeCommit: () => void;
  /** True while a writeTransaction runs between two parts of the batch. */
  suspended: boolean;
}

const batches = new WeakMap<SqliteDatabase, OpenBatch>();

/**
 * Begins a batch: one BEGIN IMMEDIATE whose commit is the batch's (`closeBatch`), except that a
 * writeTransaction of other work commits what the batch wrote so far first.
 */
export function openBatch(db: SqliteDatabase, beforeCommit: () => void): void {
  db.exec('BEGIN IMMEDIATE');
  batches.set(db, { beforeCommit, suspended: false });
}

/** Ends the batch: nothing of other work can be inside its transaction any more. */
export function closeBatch(db: SqliteDatabase): void {
  batches.delete(db);
}

/** Applies each migration above the file's `user_version`, each in its own transaction. */
export function migrate(db: SqliteDatabase, list: readonly Migration[], path: string): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = list.reduce((max, m) => Math.max(max, m.version), 0);
  if (current > latest) {
    throw new StoreOpenError(
      `the store at ${path} has schema version ${current}, newer than this Herald (${latest}); upgrade Herald or use another DATABASE_URL`,
      path,
    );
  }
  const pending = list.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    // Another process opening the store at the same time may have applied it meanwhile.
    writeTransaction(db, () => {
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return pending.length;
}
