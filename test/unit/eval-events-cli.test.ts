import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';

const FIXTURE = new URL('../fixtures/ecbplus/related-fixture.jsonl', import.meta.url).pathname;

describe('herald eval events', () => {
  it('writes one {"id","event"} line per article, in arrival order', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'herald-events-')), 'pred.jsonl');
    const args = ['eval', 'events', FIXTURE, '--order', 'reversed', '--half', 'odd', '--out', out];
    expect(await runCli(args, { env: {} })).toBe(0);
    const rows = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; event: string });
    const odd = readFileSync(FIXTURE, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; topic: string })
      .filter((a) => Number(a.topic.slice(1)) % 2 === 1)
      .map((a) => a.id);
    expect(rows.map((r) => r.id)).toEqual([...odd].reverse());
    expect(rows.every((r) => /^e\d+$/.test(r.event))).toBe(true);
  });

  it('rejects an unknown order as a usage error (exit 2)', async () => {
    expect(await runCli(['eval', 'events', FIXTURE, '--order', 'random'], { env: {} })).toBe(2);
  });
});
