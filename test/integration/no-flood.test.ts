import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { storyTitle, writeStoryFiles } from '../support/story-files.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/herald.js');
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function workingCopy(files: number): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = mkdtempSync(join(tmpdir(), 'herald-flood-'));
  dirs.push(cwd);
  writeStoryFiles(join(cwd, 'content'), files);
  const env = {
    PATH: process.env.PATH,
    HOME: cwd,
    HERALD_DATA_DIR: join(cwd, 'data'),
    CONTENT_DIR: join(cwd, 'content'),
    HTTP_PORT: '0',
    LOG_FORMAT: 'json',
  };
  return { cwd, env };
}

interface Done {
  code: number;
  stdout: string;
  stderr: string;
}

function herald(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Done> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 1;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** The numbers of the generated stories broadcast on the console, in order (a batch numbers them). */
const posted = (stdout: string) =>
  [...stdout.matchAll(/^(?:\d+\. )?Story (\d+) on the /gm)].map((m) => Number(m[1]));

describe('no floods', () => {
  it('1,400 files ingested, then start posts the newest 3; a deleted data folder posts at most 3', async () => {
    const { cwd, env } = workingCopy(1400);
    // Every article, not one post per event (the generated stories are told as few events).
    expect((await herald(['ask', 'subscribe --policy every'], cwd, env)).code).toBe(0);
    const ingest = await herald(['ingest'], cwd, env);
    expect(ingest.code).toBe(0);
    expect(ingest.stdout).toContain('1400 added');
    expect(ingest.stdout).toContain('announced: the newest 3');
    const start = await herald(['start', '--once'], cwd, env);
    expect(start.code).toBe(0);
    expect(posted(start.stdout).sort()).toEqual([1397, 1398, 1399]);
    expect(start.stderr).toContain('3 deliveries pending for 1 chats');

    rmSync(join(cwd, 'data'), { recursive: true, force: true });
    const again = await herald(['start', '--once'], cwd, env);
    expect(again.code).toBe(0);
    expect(posted(again.stdout).length).toBeLessThanOrEqual(3);
    expect(posted(again.stdout).length).toBeGreaterThan(0);
  }, 240_000);

  it('--announce all posts every new story, --announce none posts none', async () => {
    const { cwd, env } = workingCopy(25);
    // Every article, not one post per event (the generated stories are told as one event).
    expect((await herald(['ask', 'subscribe --policy every'], cwd, env)).code).toBe(0);
    expect((await herald(['ingest', '--announce', 'all'], cwd, env)).code).toBe(0);
    const start = await herald(['start', '--once'], cwd, env);
    expect(posted(start.stdout)).toHaveLength(25);
    expect(posted(start.stdout)).toContain(0);

    writeStoryFiles(join(cwd, 'content'), 5, 25);
    expect((await herald(['ingest', '--announce', 'none'], cwd, env)).code).toBe(0);
    const quiet = await herald(['start', '--once'], cwd, env);
    expect(posted(quiet.stdout)).toEqual([]);
    expect(quiet.stdout).not.toContain(storyTitle(29));
  }, 120_000);

  it('refuses a bad --announce in plain words', async () => {
    const { cwd, env } = workingCopy(1);
    const run = await herald(['ingest', '--announce', 'some'], cwd, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--announce: expected all, none or a number, got "some"');
  }, 60_000);
});
