import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { DatabaseConfig } from '../../src/store/open-store.ts';
import { createTestSchema } from './postgres.ts';

/**
 * Fresh databases for a suite that runs on both engines: a SQLite file in a folder of its
 * own, or a PostgreSQL schema of its own; all removed after the file's tests.
 */
export function scratchDatabases(prefix: string): {
  sqlite: () => Promise<DatabaseConfig>;
  postgres: () => Promise<DatabaseConfig>;
} {
  const dirs: string[] = [];
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    for (const drop of drops.splice(0)) await drop();
  });
  return {
    sqlite: () => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return Promise.resolve({ kind: 'sqlite', path: join(dir, 'herald.db') });
    },
    postgres: async () => {
      const schema = await createTestSchema();
      drops.push(() => schema.drop());
      return { kind: 'postgres', url: schema.url };
    },
  };
}
