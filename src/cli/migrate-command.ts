import type { Command } from 'commander';
import { loadConfig } from './lazy-context.ts';
import type { CliDeps } from './cli-deps.ts';

/**
 * `herald migrate`: brings the store's schema (SQLite file or PostgreSQL database) up to this
 * Herald's version and prints it. Refuses a schema newer than this Herald, changing nothing.
 * Safe to run while other processes use the store, and from several processes at once.
 */
export function registerMigrateCommand(program: Command, deps: CliDeps): void {
  program
    .command('migrate')
    .description("apply the store's pending migrations (SQLite or PostgreSQL); print the version")
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = await loadConfig(deps.env);
      const { openStore } = await import('../store/open-store.ts');
      const store = await openStore(config.database);
      try {
        const { version, applied } = store.schema;
        deps.out(
          opts.json === true
            ? JSON.stringify({ engine: store.kind, version, applied })
            : `${store.kind} store at schema version ${version} (${applied} migration(s) applied now)`,
        );
      } finally {
        await store.close();
      }
    });
}
