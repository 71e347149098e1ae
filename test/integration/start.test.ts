import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/herald.js');
const SEED = join(ROOT, 'content/000_286eab670ba08ef6.txt');
const TITLE =
  'Russia Becomes First Nation to Officially Recognize Taliban Government in Afghanistan';

const dirs: string[] = [];
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A working copy: its own data folder and a content folder holding the seed story. */
function workingCopy(): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = mkdtempSync(join(tmpdir(), 'herald-start-'));
  dirs.push(cwd);
  mkdirSync(join(cwd, 'content'));
  copyFileSync(SEED, join(cwd, 'content', '000_286eab670ba08ef6.txt'));
  const env = {
    PATH: process.env.PATH,
    HOME: cwd,
    HERALD_DATA_DIR: join(cwd, 'data'),
    CONTENT_DIR: join(cwd, 'content'),
    HTTP_PORT: '0',
    LOG_LEVEL: 'info',
  };
  return { cwd, env };
}

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once the stream's text so far satisfies `test`. */
  until(stream: 'stdout' | 'stderr', test: (text: string) => boolean): Promise<string>;
  exit: Promise<number | null>;
}

function herald(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  stdin: 'pipe' | 'ignore',
): Run {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env,
    stdio: [stdin, 'pipe', 'pipe'],
  });
  children.push(child);
  const text = { stdout: '', stderr: '' };
  const waiters: {
    stream: 'stdout' | 'stderr';
    test: (t: string) => boolean;
    done: (t: string) => void;
  }[] = [];
  const feed = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
    text[stream] += chunk.toString('utf8');
    for (const w of waiters.filter((x) => x.stream === stream && x.test(text[stream]))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.done(text[stream]);
    }
  };
  child.stdout?.on('data', feed('stdout'));
  child.stderr?.on('data', feed('stderr'));
  const exit = new Promise<number | null>((done) =>
    child.on('exit', (code) => {
      done(code);
    }),
  );
  return {
    child,
    stdout: () => text.stdout,
    stderr: () => text.stderr,
    until: (stream, test) =>
      test(text[stream])
        ? Promise.resolve(text[stream])
        : new Promise((done) => waiters.push({ stream, test, done })),
    exit,
  };
}

function listeningPort(stderr: string): number {
  for (const line of stderr.split('\n')) {
    if (!line.includes('http server listening')) continue;
    return (JSON.parse(line) as { port: number }).port;
  }
  throw new Error('no "http server listening" line');
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('herald start', () => {
  it('ingests content/, prints the broadcast, answers a typed command, serves health, stops on SIGINT', async () => {
    const { cwd, env } = workingCopy();
    const run = herald(['start'], cwd, env, 'pipe');
    run.child.stdin?.end('latest\n');
    // The broadcast (a rule, the title) and the reply to "latest" (a numbered list).
    const out = await run.until('stdout', (t) => count(t, TITLE) >= 2 && t.includes(`1. ${TITLE}`));
    expect(out).toContain('─'.repeat(20));
    await run.until('stderr', (t) => t.includes('herald running'));
    const port = listeningPort(run.stderr());
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      store: 'ok',
      platforms: { console: 'ready' },
      index: { indexed: 0, total: 0 },
    });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('herald_stories_ingested_total{outcome="added"} 1');
    expect(metrics).toContain('herald_deliveries_total{platform="console",outcome="sent"} 1');
    expect(metrics).toContain('herald_outbox_depth{state="sent"} 1');
    // Still running after the end of input; SIGINT stops it cleanly.
    expect(run.child.exitCode).toBeNull();
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toContain('stopped cleanly');
  }, 90_000);

  it('start --once ingests, delivers and exits 0', async () => {
    const { cwd, env } = workingCopy();
    const run = herald(['start', '--once'], cwd, env, 'ignore');
    expect(await run.exit).toBe(0);
    expect(count(run.stdout(), TITLE)).toBe(1);
    expect(run.stderr()).toContain('one pass done');
    // A second pass finds nothing new and sends nothing again.
    const again = herald(['start', '--once'], cwd, env, 'ignore');
    expect(await again.exit).toBe(0);
    expect(again.stdout()).not.toContain(TITLE);
  }, 90_000);

  it('refuses a bad schedule, naming the key', async () => {
    const { cwd, env } = workingCopy();
    const run = herald(
      ['start'],
      cwd,
      { ...env, DISPATCH_SCHEDULE: 'every ten seconds' },
      'ignore',
    );
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toContain('DISPATCH_SCHEDULE');
  }, 60_000);
});
