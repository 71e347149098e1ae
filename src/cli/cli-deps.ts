import type { Config } from '../app/config.ts';
import type { Log } from '../domain/log.ts';
import type { Platform } from '../domain/platform.ts';

/** What the entry point hands the CLI: the environment, the output streams, the adapters. */
export interface CliDeps {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  /**
   * The platform adapters that have credentials in `config` (console when none). With
   * `once` (`herald start --once`) no adapter waits for incoming commands.
   */
  createPlatforms?: (config: Config, log: Log, options?: { once?: boolean }) => Platform[];
}
