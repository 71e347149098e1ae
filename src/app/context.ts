import { loadConfig, type Config } from './config.ts';
import type { Log } from '../domain/log.ts';
import { createLogger } from './log.ts';
import { openStore, type OpenedStore } from '../store/open-store.ts';

/** What every CLI command needs: the parsed config, a logger and the opened store. */
export interface CliContext {
  config: Config;
  log: Log;
  store: OpenedStore;
  close(): Promise<void>;
}

/** Parses the config (every problem at once), then opens and migrates the store. */
export async function openCliContext(env: Record<string, string | undefined>): Promise<CliContext> {
  const config = loadConfig(env);
  const log = createLogger(config);
  const store = await openStore(config.database);
  return { config, log, store, close: () => store.close() };
}

/** Runs `work` with an opened context and always closes the store afterwards. */
export async function withCliContext<T>(
  env: Record<string, string | undefined>,
  work: (context: CliContext) => Promise<T>,
): Promise<T> {
  const context = await openCliContext(env);
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}
