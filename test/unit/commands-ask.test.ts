import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'herald-ask-'));
const env = {
  HERALD_DATA_DIR: dir,
  CONTENT_DIR: join(import.meta.dirname, '../../content'),
  LOG_LEVEL: 'silent',
  HERALD_TIMEZONE: 'UTC',
};

/** Runs `herald <args>` in-process; returns the exit code and what it printed. */
async function herald(...args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(args, { env, out: (text) => lines.push(text) });
  process.exitCode = undefined;
  return { code, out: lines.join('\n') };
}

describe('herald ask', () => {
  beforeAll(async () => {
    expect((await herald('ingest')).code).toBe(0);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('summary by words prints the best match and its summary', async () => {
    const { code, out } = await herald('ask', 'summary russia taliban');
    expect(code).toBe(0);
    expect(out).toMatch(/^Best match for “russia taliban”\n\nRussia Becomes First Nation/);
    expect(out).toMatch(/Russia has formally recognized the Taliban-led government/);
  });

  test('latest lists the seed story, numbered', async () => {
    const { out } = await herald('ask', 'latest');
    expect(out).toMatch(/^Latest stories\n\n1\. Russia Becomes First Nation/);
  });

  test('an unknown command prints a helpful error and the help hint, exit 1', async () => {
    const { code, out } = await herald('ask', 'frobnicate');
    expect(code).toBe(1);
    expect(out).toBe("I don't know the command “frobnicate”. Send help to see what I can do.");
  });

  test('words need no quotes; --json prints the reply value', async () => {
    const { out } = await herald('ask', '--json', 'summary', '1');
    const reply = JSON.parse(out) as { kind: string; heading: string; card: { title: string } };
    expect(reply).toMatchObject({ kind: 'card', heading: 'Number 1 of the latest stories' });
    expect(reply.card.title).toMatch(/^Russia Becomes First Nation/);
  });

  test('related builds the related index on demand', async () => {
    const { code, out } = await herald('ask', 'related', 'russia');
    expect(code).toBe(0);
    expect(out).toMatch(/^I know no stories related to “Russia Becomes/);
  });

  test('a bad argument prints the usage line', async () => {
    const { code, out } = await herald('ask', 'latest 999');
    expect(code).toBe(1);
    expect(out).toMatch(/^At most 20 stories at once\.\nUsage: latest \[n\] \[topic\]/);
  });

  test('subscriptions go to the console chat, as an operator', async () => {
    expect((await herald('ask', 'subscribe')).out).toMatch(/^This chat is subscribed\./);
    expect((await herald('ask', 'digest 07:00')).out).toMatch(/a digest at 07:00/);
    expect((await herald('ask', 'settings')).out).toMatch(/a digest at 07:00/);
  });
});
