import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './env.ts';
import type { Results } from './figures.ts';
import { summarize } from './stats.ts';

const S = '6 start';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/readyz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => {
      resolve(false);
    });
    req.on('timeout', () => req.destroy());
  });
}

export interface StartRun {
  /** Milliseconds from spawning `herald start` to the first 200 of /readyz. */
  readyMs: number;
  /** The process's peak resident memory when ready (VmHWM), if /proc tells it. */
  peakRssMb?: number;
}

/** The peak RSS (VmHWM) of a process, in MB, from /proc (Linux); undefined elsewhere. */
function peakRss(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) / 1024;
  } catch {
    return undefined;
  }
}

/**
 * Spawns `herald start` (the console platform, SQLite, the repo's content/) on `dataDir`, and
 * measures it until /readyz answers 200. `keep`: leave the data dir in place.
 */
async function startOnce(dataDir?: string, timeoutMs = 60_000): Promise<StartRun> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'herald-bench-start-'));
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    HERALD_DATA_DIR: dir,
    HTTP_PORT: String(port),
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/herald.js', 'start'], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`herald start exited with ${child.exitCode}`);
      if (await healthy(port)) {
        const readyMs = performance.now() - started;
        const peak = peakRss(child.pid);
        return peak === undefined ? { readyMs } : { readyMs, peakRssMb: peak };
      }
      if (performance.now() - started > timeoutMs) {
        throw new Error(`herald start not ready in ${timeoutMs / 1000} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
    if (dataDir === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/** `herald start` to ready on a fresh data dir, `runs` times. */
export async function benchStart(results: Results, runs: number): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push((await startOnce()).readyMs);
  const s = summarize(times);
  results.add(S, `herald start to first 200 /readyz, empty store, median of ${runs}`, s.p50, 'ms');
  results.note(
    S,
    `start runs on an empty store (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`,
  );
}

/**
 * `herald start` on the data dir the corpus was ingested into (`count` stories): time to
 * ready (the text index is built from the store first) and the process's peak RSS when
 * ready: Herald holding that many stories stored and indexed, as a restarted bot does.
 */
export async function benchStartAt(results: Results, dataDir: string, count: number) {
  const size = count.toLocaleString('en-US');
  const run = await startOnce(dataDir, 600_000);
  results.add(
    S,
    `herald start to first 200 /readyz, ${size} stories stored`,
    run.readyMs / 1000,
    's',
  );
  if (run.peakRssMb === undefined) {
    results.note(M, 'peak RSS of herald start not measured: no /proc here');
    return;
  }
  const goal = count >= 100_000 ? ({ op: '<=', value: 300 } as const) : undefined;
  results.add(
    M,
    `peak RSS, herald start with ${size} stories stored and indexed`,
    run.peakRssMb,
    'MB',
    goal,
  );
}

const M = '6 memory';
