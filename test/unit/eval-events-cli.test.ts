import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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

  it('rejects an unknown order or a seed that is not a whole number (exit 2)', async () => {
    expect(await runCli(['eval', 'events', FIXTURE, '--order', 'random'], { env: {} })).toBe(2);
    expect(await runCli(['eval', 'events', FIXTURE, '--seed', '1.5'], { env: {} })).toBe(2);
  });

  it('shuffles with the seed given, the same each time', async () => {
    const order = async (seed: string): Promise<string[]> => {
      const out = join(mkdtempSync(join(tmpdir(), 'herald-events-')), 'pred.jsonl');
      const args = ['eval', 'events', FIXTURE, '--order', 'shuffle', '--seed', seed, '--out', out];
      expect(await runCli(args, { env: {} })).toBe(0);
      return readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: string }).id);
    };
    const one = await order('1');
    expect(await order('1')).toEqual(one);
    expect(await order('2')).not.toEqual(one);
  });
});

describe('herald eval developments and event-summaries', () => {
  const output = async (args: string[]): Promise<string> => {
    const chunks: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    });
    try {
      expect(await runCli(args, { env: {} })).toBe(0);
    } finally {
      spy.mockRestore();
    }
    return chunks.join('');
  };

  it('prints the share of later reports and near-copies at each threshold', async () => {
    const out = await output(['eval', 'developments', FIXTURE]);
    expect(out).toMatch(/^later reports: 18, near-copies: \d+$/m);
    expect(out).toMatch(/^ {5}0\.25 +[\d.]+ +0\.00 {2}\(the threshold\)$/m);
  });

  it('prints the event summaries with and without the redundancy rule', async () => {
    const out = await output(['eval', 'event-summaries', FIXTURE, '--reports', '3']);
    expect(out).toMatch(/^event summary +6 /m);
    expect(out).toMatch(/^without redundancy rule +6 /m);
  });

  it('counts the judged pairs in the summaries and scores the rule on each half', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'herald-pairs-'));
    const pairs = join(dir, 'pairs.jsonl');
    // The fixture's first Tara Reid report, twice in other words, and another fact.
    const a = 'Tara Reid has checked herself into the Promises Treatment Center.';
    const b = 'The actress entered Promises, her representative said.';
    const c = 'Reid starred in American Pie.';
    const event = 'ecbplus-t1-ecb';
    writeFileSync(
      pairs,
      [
        { event, a, b, same: true },
        { event, a, b: c, same: false },
      ]
        .map((p) => JSON.stringify(p))
        .join('\n') + '\n',
    );
    const out = await output(['eval', 'event-summaries', FIXTURE, '--pairs', pairs]);
    expect(out).toMatch(
      /^ {2}event summary: 0 of 0 judged pairs say one thing \(\d+ pairs not judged\)/m,
    );
    expect(out).toMatch(
      /^ {2}odd topics: 2 pairs, 1 say one thing; precision [\d.]+%, recall [\d.]+%$/m,
    );
    expect(out).toMatch(/^ {2}even topics: 0 pairs, 0 say one thing;/m);
    writeFileSync(pairs, '{"event":"x","a":"y"}\n');
    expect(await runCli(['eval', 'event-summaries', FIXTURE, '--pairs', pairs], { env: {} })).toBe(
      2,
    );
  });
});
