import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProgram, runCli } from '../../src/cli/main.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(args, { env: {}, out: (text) => lines.push(text) });
  return { code, out: lines.join('\n') };
}

function everyCommand(cmd: Command, path: string[] = []): { path: string[]; cmd: Command }[] {
  return cmd.commands.flatMap((child) => {
    const here = [...path, child.name()];
    return [{ path: here, cmd: child }, ...everyCommand(child, here)];
  });
}

describe('herald CLI manners', () => {
  it('prints the version for --version and -V, exit 0', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, out: VERSION });
    expect(await cli(['-V'])).toEqual({ code: 0, out: VERSION });
  });

  it('lists every subcommand, nested ones too, in the top-level help', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    for (const name of ['add', 'check', 'import', 'export', 'remove', 'resume', 'list']) {
      expect(out).toMatch(new RegExp(`^  feeds ${name}\\b`, 'm'));
    }
    const program = createProgram({ env: {}, out: () => undefined });
    for (const { path } of everyCommand(program)) {
      expect(out, path.join(' ')).toMatch(new RegExp(`^  ${path.join(' ')}\\b`, 'm'));
    }
  });

  it('describes every command and every option', () => {
    const program = createProgram({ env: {}, out: () => undefined });
    for (const { path, cmd } of everyCommand(program)) {
      expect(cmd.description().length, path.join(' ')).toBeGreaterThan(3);
      for (const option of cmd.options) {
        expect(option.description.length, `${path.join(' ')} ${option.flags}`).toBeGreaterThan(3);
      }
    }
  });

  it('keeps the exit codes: 2 for bad usage', async () => {
    expect((await cli(['no-such-command'])).code).toBe(2);
  });
});
