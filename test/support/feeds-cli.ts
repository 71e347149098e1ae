import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.ts';

/**
 * Runs `herald feeds <args>` in a data folder of its own (or env's HERALD_DATA_DIR, to share
 * one between calls) with a feeds file in it; resolves to the exit code and what it printed.
 */
export async function feedsCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const dir = env.HERALD_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'herald-cli-'));
  const code = await runCli(['feeds', ...args], {
    env: {
      HERALD_DATA_DIR: dir,
      FEEDS_FILE: join(dir, 'feeds.yaml'),
      FEEDS_TIMEOUT_MS: '2000',
      ...env,
    },
    out: (text) => lines.push(text),
  });
  return { code, out: lines.join('\n') };
}
