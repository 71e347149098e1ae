import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.ts';
import { poll, runHerald, writeStories } from '../support/fault-herald.ts';

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A working folder with `stories` stories; the console platform (no token set). */
function workingCopy(stories: number) {
  const cwd = mkdtempSync(join(tmpdir(), 'herald-one-'));
  dirs.push(cwd);
  writeStories(join(cwd, 'content'), stories);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: cwd,
    HERALD_DATA_DIR: join(cwd, 'data'),
    CONTENT_DIR: join(cwd, 'content'),
    HTTP_PORT: '0',
    LOG_LEVEL: 'info',
    HERALD_HEARTBEAT_MS: '500',
    HERALD_TIMEZONE: 'UTC',
  };
  return { cwd, env, path: join(cwd, 'data', 'herald.db') };
}

async function running(run: ReturnType<typeof runHerald>): Promise<void> {
  expect(await poll(() => run.output().includes('herald running'), 60_000), run.output()).toBe(
    true,
  );
}

describe('one bot per SQLite store', () => {
  it('refuses a second `herald start`, naming the first (pid, host, since) and what to do; a killed bot does not block a restart', async () => {
    const { cwd, env, path } = workingCopy(3);
    const first = runHerald(['start'], cwd, env, children);
    await running(first);
    const second = runHerald(['start', '--once'], cwd, env, children);
    expect(await second.exited, second.output()).toBe('exit 1');
    const refusal = second.output();
    expect(refusal).toContain(`the SQLite store at ${path} is in use by another Herald`);
    expect(refusal).toContain(`pid ${first.child.pid ?? '?'} on host ${hostname()}`);
    expect(refusal).toMatch(/running since \d{4}-\d\d-\d\dT/);
    expect(refusal).toContain(`kill ${first.child.pid ?? '?'}`);
    expect(refusal).toContain('PostgreSQL');
    console.log(refusal.trim());
    first.child.kill('SIGKILL');
    await first.exited;
    // The killed bot's pid is gone on this host: its claim is void at once, no heartbeat wait.
    const restart = runHerald(['start', '--once'], cwd, env, children);
    expect(await restart.exited, restart.output()).toBe('exit 0');
    const store = await openStore({ kind: 'sqlite', path });
    try {
      expect(await store.processes.list()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('runs one-shot commands beside the bot and beside each other: they wait their turn', async () => {
    const { cwd, env } = workingCopy(400);
    const bot = runHerald(['start'], cwd, env, children);
    await running(bot);
    writeStories(join(cwd, 'more'), 400, 11);
    writeStories(join(cwd, 'other'), 400, 13);
    const ingest = (dir: string) =>
      runHerald(['ingest'], cwd, { ...env, CONTENT_DIR: join(cwd, dir) }, children);
    const commands = [
      ingest('more'),
      ingest('other'),
      runHerald(['subscribe', 'telegram', '1001'], cwd, env, children),
      runHerald(['subscribe', 'telegram', '1002'], cwd, env, children),
      runHerald(['stories'], cwd, env, children),
      runHerald(['outbox'], cwd, env, children),
    ];
    const exits = await Promise.all(commands.map((c) => c.exited));
    const outputs = commands.map((c) => c.output()).join('\n');
    expect(outputs).not.toMatch(/locked|SQLITE_BUSY/);
    expect(exits, outputs).toEqual(commands.map(() => 'exit 0'));
    expect(bot.child.exitCode, bot.output()).toBeNull();
  }, 180_000);
});
