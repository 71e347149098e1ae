import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeStoryFiles } from '../support/story-files.ts';

const BIN = join(resolve(import.meta.dirname, '../..'), 'bin/herald.js');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs herald in a pseudo-terminal (util-linux `script`); `input` is typed once `ready` shows. */
function inTerminal(
  args: string,
  cwd: string,
  typed?: { after: RegExp; keys: string[] },
): Promise<string> {
  const env = {
    PATH: process.env.PATH,
    HOME: cwd,
    TERM: 'xterm',
    HERALD_DATA_DIR: join(cwd, 'data'),
    CONTENT_DIR: join(cwd, 'content'),
    HTTP_PORT: '0',
  };
  const command = `${process.execPath} ${BIN} ${args}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env });
  let text = '';
  let sent = false;
  child.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
    if (typed !== undefined && !sent && typed.after.test(text)) {
      sent = true;
      void typeKeys(child.stdin, typed.keys);
    }
  });
  return new Promise((done) => {
    child.on('exit', () => {
      done(text);
    });
  });
}

async function typeKeys(stdin: NodeJS.WritableStream, keys: string[]): Promise<void> {
  for (const key of keys) {
    await new Promise((wait) => setTimeout(wait, 1500));
    stdin.write(key);
  }
}

const ESC = String.fromCharCode(27);
const COLOUR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const LINE_RESTART = new RegExp(`\\r|${ESC}\\[2K|${ESC}\\[\\d*G`);

/** The screen's lines as a terminal shows them: a line restarts at \r or a clear-line. */
function screenLines(raw: string): string[] {
  const plain = raw.replace(COLOUR, '');
  return plain.split(/\r?\n/).map((line) => {
    const parts = line.split(LINE_RESTART);
    return parts.filter((p) => p !== '').at(-1) ?? '';
  });
}

function workingCopy(files: number): string {
  const cwd = mkdtempSync(join(tmpdir(), 'herald-tty-'));
  dirs.push(cwd);
  writeStoryFiles(join(cwd, 'content'), files);
  return cwd;
}

describe('herald in a terminal', () => {
  it('ingest draws a progress line, then a summary without the per-file list', async () => {
    const out = await inTerminal('ingest', workingCopy(300));
    expect(out).toMatch(/ingesting \d+\/300 \(\d+%\), \d+\/s/);
    const lines = screenLines(out);
    expect(lines.some((l) => /ingested .*: 300 added/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('  + '))).toBe(false);
    expect(out).not.toContain('{"level"');
  }, 120_000);

  it('start prints readable logs above the prompt, never JSON, never into the prompt', async () => {
    const raw = await inTerminal('start', workingCopy(60), {
      after: /herald running/,
      keys: ['latest\r', '\x03'],
    });
    const out = raw.replace(COLOUR, '');
    expect(out).toMatch(/INFO: .*herald running/);
    expect(out).toContain('1. Story 59 on the');
    expect(out).not.toContain('{"level"');
    const lines = screenLines(out);
    const logLines = lines.filter((l) => / (INFO|WARN|ERROR): /.test(l));
    expect(logLines.length).toBeGreaterThan(3);
    for (const line of logLines) expect(line, line).toMatch(/^\[\d\d:\d\d:\d\d\] /);
    expect(lines.some((l) => /^> .*INFO/.test(l))).toBe(false);
    expect(out).toContain('stopped cleanly');
  }, 120_000);
});
