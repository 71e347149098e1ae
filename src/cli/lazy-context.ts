import type { CliContext } from '../app/context.ts';

/**
 * `withCliContext`, loaded when a command runs: the config, the logger and the store (and
 * their libraries) are not needed to print the help or to parse the arguments, and loading
 * them took most of `herald --help` (issue 23 point 2, docs/adr/0028-performance-users-feel.md).
 */
export async function withCliContext<T>(
  env: Record<string, string | undefined>,
  work: (context: CliContext) => Promise<T>,
): Promise<T> {
  return (await import('../app/context.ts')).withCliContext(env, work);
}

/** `loadConfig`, loaded when a command runs (see `withCliContext`). */
export async function loadConfig(env: Record<string, string | undefined>) {
  return (await import('../app/config.ts')).loadConfig(env);
}
