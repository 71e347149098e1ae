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

/** GET `path`: its status and body (status 0 when nothing answered). */
function fetchLocal(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path, timeout: 1000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', () => {
      resolve({ status: 0, body: '' });
    });
    req.on('timeout', () => req.destroy());
  });
}

const healthy = async (port: number) => (await fetchLocal(port, '/readyz')).status === 200;

/** Whether /healthz says every story stored at start is indexed. */
async function indexed(port: number): Promise<boolean> {
  const { status, body } = await fetchLocal(port, '/healthz');
  if (status !== 200) return false;
  const index = (JSON.parse(body) as { index?: { indexed: number; total: number } }).index;
  return index === undefined || index.indexed >= index.total;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface StartRun {
  /** Milliseconds from spawning `herald start` to the first 200 of /readyz. */
  readyMs: number;
  /** Milliseconds from spawning to the console's answer to `latest` then `related 1`. */
  commandMs?: number;
  /** Milliseconds from spawning to the whole store indexed (/healthz). */
  indexedMs?: number;
  /** The process's peak resident memory when indexed (VmHWM), if /proc tells it. */
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
 * How far a run of `herald start` is followed: to /readyz, also to the console's answers to
 * `latest` and `related 1` then the whole index, or (`indexed`) to /healthz's first answer
 * then the whole index, without the console (with platforms configured the console is off).
 */
export type Until = 'ready' | 'answered' | 'indexed';

/**
 * Spawns `herald start` (the console platform unless `extraEnv` configures others, SQLite, the
 * repo's content/) on `dataDir`, and measures it until `until` (see Until).
 */
export async function startOnce(
  dataDir?: string,
  timeoutMs = 60_000,
  until: Until = 'ready',
  extraEnv: Record<string, string> = {},
): Promise<StartRun> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'herald-bench-start-'));
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    HERALD_DATA_DIR: dir,
    HTTP_PORT: String(port),
    HTTP_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/herald.js', 'start'], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const wait = async (done: () => Promise<boolean> | boolean, what: string) => {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`herald start exited with ${child.exitCode}`);
      if (await done()) return performance.now() - started;
      if (performance.now() - started > timeoutMs) {
        throw new Error(`herald start: ${what} not in ${timeoutMs / 1000} s`);
      }
      await pause(10);
    }
  };
  try {
    // With a platform that cannot connect (the bench's silent WhatsApp) /readyz stays 503:
    // 'indexed' only waits for /healthz to answer, then for the whole index.
    const readyMs =
      until === 'indexed'
        ? await wait(async () => (await fetchLocal(port, '/healthz')).status === 200, 'alive')
        : await wait(() => healthy(port), 'ready');
    let run: StartRun = { readyMs };
    if (until === 'answered') {
      child.stdin.write('latest\n');
      await wait(() => out.includes('1. '), 'an answer to latest');
      child.stdin.write('related 1\n');
      const commandMs = await wait(
        () => out.includes('Related to') || out.includes('I know no stories related'),
        'an answer to related 1',
      );
      run = { ...run, commandMs };
    }
    if (until !== 'ready')
      run = { ...run, indexedMs: await wait(() => indexed(port), 'the whole index') };
    const peak = peakRss(child.pid);
    return peak === undefined ? run : { ...run, peakRssMb: peak };
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
 * ready and to a chat command's answer (the index is built beside them, issue 23 point 1),
 * time to the whole index, and the process's peak RSS then: Herald holding that many
 * stories stored and indexed, as a restarted bot does.
 */
export async function benchStartAt(results: Results, dataDir: string, count: number) {
  const size = count.toLocaleString('en-US');
  const goal = count >= 100_000 ? ({ op: '<=', value: 5 } as const) : undefined;
  const run = await startOnce(dataDir, 600_000, 'answered');
  results.add(
    S,
    `herald start to first 200 /readyz, ${size} stories stored`,
    run.readyMs / 1000,
    's',
    goal,
  );
  results.add(
    S,
    `herald start to the answer of latest + related 1, ${size} stories`,
    (run.commandMs ?? Number.NaN) / 1000,
    's',
    goal,
  );
  results.add(
    S,
    `herald start to the whole index built, ${size} stories`,
    (run.indexedMs ?? Number.NaN) / 1000,
    's',
  );
  if (run.peakRssMb === undefined) {
    results.note(M, 'peak RSS of herald start not measured: no /proc here');
    return;
  }
  results.add(
    M,
    `peak RSS, herald start with ${size} stories stored and indexed`,
    run.peakRssMb,
    'MB',
    count >= 100_000 ? { op: '<=', value: 300 } : undefined,
  );
}

const M = '6 memory';
