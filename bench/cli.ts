import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './env.ts';
import type { Results } from './figures.ts';
import { summarize } from './stats.ts';

const S = '8 cli';

/**
 * Builds dist/ as `npm ci` does (the `prepare` script): what a user runs. The bench measures
 * `herald` as installed, not through tsx.
 */
export function buildDist(): void {
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: 'ignore' });
}

/** Wall milliseconds of `herald <args>` in a fresh process (exit 0 required). */
function timeHerald(args: string[], env: Record<string, string>): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['bin/herald.js', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`herald ${args.join(' ')}: ${String(run.stderr)}`);
  return ms;
}

/**
 * Issue 23 point 2: `herald --help` and `herald stories --limit 5` (on a store holding the
 * repository's content/), median wall time of `runs` fresh processes each, from dist/.
 */
export function benchCli(results: Results, runs: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'herald-bench-cli-'));
  const env = { HOME: dir, HERALD_DATA_DIR: dir, LOG_LEVEL: 'warn' };
  try {
    timeHerald(['ingest'], env);
    const help = Array.from({ length: runs }, () => timeHerald(['--help'], env));
    const stories = Array.from({ length: runs }, () =>
      timeHerald(['stories', '--limit', '5'], env),
    );
    results.add(S, `herald --help, median of ${runs}`, summarize(help).p50 / 1000, 's', {
      op: '<=',
      value: 0.3,
    });
    results.add(
      S,
      `herald stories --limit 5, median of ${runs}`,
      summarize(stories).p50 / 1000,
      's',
      { op: '<=', value: 0.5 },
    );
    const ms = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
    results.note(S, `--help runs (ms): ${ms(help)}; stories --limit 5 runs (ms): ${ms(stories)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
