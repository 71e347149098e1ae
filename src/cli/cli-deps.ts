import type { Config } from '../app/config.ts';
import type { Log } from '../domain/log.ts';
import type { Platform } from '../domain/platform.ts';

/** What the entry point hands the CLI: the environment, the output streams, the adapters. */
export interface CliDeps {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  /** The platform adapters that have credentials in `config` (console when none). */
  createPlatforms?: (config: Config, log: Log) => Platform[];
}
