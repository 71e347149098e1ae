import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
    const req = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => {
      resolve(false);
    });
    req.on('timeout', () => req.destroy());
  });
}

/** Milliseconds from spawning `herald start` (fresh data dir) to the first 200 of /healthz. */
async function startOnce(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-bench-start-'));
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
      if (await healthy(port)) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error('herald start not ready in 60 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `herald start` to ready, `runs` times (the console platform, SQLite, the repo's content/). */
export async function benchStart(results: Results, runs: number): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await startOnce());
  const s = summarize(times);
  results.add(S, `herald start to first 200 /healthz, median of ${runs}`, s.p50, 'ms');
  results.note(S, `start runs (ms): ${times.map((t) => t.toFixed(0)).join(', ')}`);
}
