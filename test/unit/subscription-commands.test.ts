import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';

let dir = '';
let printed: string[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-subcmd-'));
  printed = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function herald(...argv: string[]): Promise<number> {
  const env = { HERALD_DATA_DIR: dir, CONTENT_DIR: join(dir, 'content'), LOG_LEVEL: 'silent' };
  return runCli(argv, { env, out: (text) => printed.push(text) });
}

async function subscriptionId(): Promise<string> {
  expect(await herald('subscribe', 'telegram', '@news')).toBe(0);
  const id = /subscribed (\S+):/.exec(printed.join('\n'))?.[1];
  if (id === undefined) throw new Error('no id printed');
  printed = [];
  return id;
}

describe('herald subscription pause|resume|remove', () => {
  it('pauses, resumes and removes by id, saying the state each time', async () => {
    const id = await subscriptionId();
    expect(await herald('subscription', 'pause', id)).toBe(0);
    expect(printed.pop()).toContain('inactive (paused by the operator)');
    expect(await herald('subscription', 'pause', id)).toBe(0);
    expect(printed.pop()).toContain('(unchanged)');
    expect(await herald('subscription', 'resume', id)).toBe(0);
    expect(printed.pop()).toMatch(/ active /);
    expect(await herald('subscription', 'remove', id)).toBe(0);
    expect(printed.pop()).toContain('inactive (removed by the operator)');
    expect(await herald('subscriptions', '--json')).toBe(0);
    const [listed] = JSON.parse(printed.pop() ?? '[]') as { active: boolean }[];
    expect(listed?.active).toBe(false);
  });

  it('sets the delivery policy by id or when subscribing, and refuses an unknown one', async () => {
    const id = await subscriptionId();
    expect(await herald('subscription', 'policy', id, 'event+updates')).toBe(0);
    expect(printed.pop()).toContain('instant, policy event+updates');
    expect(await herald('subscription', 'policy', id, 'event+updates')).toBe(0);
    expect(printed.pop()).toContain('(unchanged)');
    expect(await herald('subscription', 'policy', id, 'sometimes')).toBe(2);
    expect(await herald('subscribe', 'telegram', '@other', '--policy', 'every')).toBe(0);
    expect(await herald('subscribe', 'telegram', '@third', '--policy', 'never')).toBe(2);
    printed = [];
    expect(await herald('subscriptions', '--json')).toBe(0);
    const listed = JSON.parse(printed.pop() ?? '[]') as { policy: string }[];
    expect(listed.map((s) => s.policy)).toEqual(['event+updates', 'every']);
  });

  it('turns batching off and on again by id (ADR 0029), and refuses another word', async () => {
    const id = await subscriptionId();
    expect(await herald('subscription', 'batch', id, 'off')).toBe(0);
    expect(printed.pop()).toContain('instant, policy event, batch off');
    expect(await herald('subscription', 'batch', id, 'off')).toBe(0);
    expect(printed.pop()).toContain('(unchanged)');
    expect(await herald('subscription', 'batch', id, 'ON')).toBe(0);
    expect(printed.pop()).not.toContain('batch off');
    expect(await herald('subscription', 'batch', id, 'sometimes')).toBe(2);
  });

  it('sets a post format, refuses an unknown placeholder, and resets it', async () => {
    const id = await subscriptionId();
    expect(
      await herald(
        'subscription',
        'format',
        id,
        '--header',
        '{source}: {title}',
        '--hide',
        'buttons',
      ),
    ).toBe(0);
    expect(printed.pop()).toBe(`saved the post format of ${id}`);
    expect(await herald('subscription', 'format', id, '--footer', '{author}')).toBe(2);
    expect(await herald('subscription', 'format', id, '--reset')).toBe(0);
  });

  it('exits 2 for an unknown id', async () => {
    expect(await herald('subscription', 'pause', 'nope')).toBe(2);
  });
});
