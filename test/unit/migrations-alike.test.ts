import { describe, expect, it } from 'vitest';
import { pgMigrations } from '../../src/store/postgres/migrations.ts';
import { migrations } from '../../src/store/sqlite/migrations.ts';

// Issue 18: both engines number and name their migrations alike (from version 9, where the
// two numberings were joined), so "schema version N" means one thing on either engine.
const FIRST_SHARED = 9;
const steps = (list: readonly { version: number; name: string }[]) =>
  list.filter((m) => m.version >= FIRST_SHARED).map((m) => `${m.version} ${m.name}`);

describe('migrations of the two engines', () => {
  it('are numbered and named alike from version 9 on', () => {
    expect(steps(pgMigrations)).toEqual(steps(migrations));
    expect(steps(migrations).length).toBeGreaterThan(0);
  });

  it('are listed in order, each version once', () => {
    for (const list of [migrations, pgMigrations]) {
      const versions = list.map((m) => m.version);
      expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    }
  });
});
