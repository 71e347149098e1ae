import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guessKind } from '../../src/cli/operator-commands.ts';
import { runCli } from '../../src/cli/main.ts';
import { openStore } from '../../src/store/open-store.ts';
import { makeDraft } from '../support/drafts.ts';

let dir = '';
let printed: string[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'herald-operator-'));
  printed = [];
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function herald(...argv: string[]): Promise<number> {
  const env = { HERALD_DATA_DIR: dir, CONTENT_DIR: join(dir, 'content'), LOG_LEVEL: 'silent' };
  return runCli(argv, { env, out: (text) => printed.push(text) });
}

/** One story, one outbox row for the only subscription, claimed and marked dead. */
async function makeDeadRow(): Promise<void> {
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'herald.db') });
  try {
    const now = new Date('2026-01-01T00:00:00Z');
    await store.stories.upsertStory(makeDraft({ id: 'story-1' }), now);
    const [sub] = await store.subscriptions.listSubscriptions();
    if (sub === undefined) throw new Error('no subscription');
    const outbox = store.outbox;
    const row = { storyId: 'story-1', subscriptionId: sub.id, platform: 'discord' as const };
    await outbox.enqueue([{ ...row, chatKey: 'discord:42' }], now);
    const claimed = await outbox.claimDue({ owner: 't', now, leaseMs: 60_000, limit: 1 });
    const error = { error: '400 embed too long', kind: 'invalid' as const, countAttempt: true };
    await outbox.markDead(
      claimed.map((r) => r.id),
      't',
      error,
      now,
    );
  } finally {
    await store.close();
  }
}

describe('operator commands', () => {
  it('subscribes, lists and unsubscribes a target', async () => {
    expect(
      await herald(
        'subscribe',
        'telegram',
        '@herald_news',
        '--topics',
        'world,asia',
        '--digest',
        '08:00',
      ),
    ).toBe(0);
    expect(printed[0]).toMatch(/^subscribed \S+: topics: world, asia$/);
    printed = [];
    expect(await herald('subscriptions')).toBe(0);
    expect(printed[0]).toContain('telegram:@herald_news (channel)  active  digest at 08:00');
    printed = [];
    expect(await herald('subscriptions', '--json')).toBe(0);
    const [sub] = JSON.parse(printed[0] ?? '[]') as { target: { kind: string }; active: boolean }[];
    expect(sub).toMatchObject({ target: { kind: 'channel' }, active: true });
    printed = [];
    expect(await herald('unsubscribe', 'telegram', '@herald_news')).toBe(0);
    expect(await herald('subscriptions')).toBe(0);
    expect(printed[1]).toContain('inactive (unsubscribed by the operator)');
  });

  it('refuses an unknown platform, a bad digest time and an unknown target', async () => {
    expect(await herald('subscribe', 'myspace', 'x')).toBe(2);
    expect(await herald('subscribe', 'discord', '123', '--digest', '25:00')).toBe(2);
    expect(await herald('unsubscribe', 'discord', '999')).toBe(2);
  });

  it('shows outbox counts and dead rows, and puts dead rows back', async () => {
    await herald('subscribe', 'discord', '42');
    await makeDeadRow();
    printed = [];
    expect(await herald('outbox')).toBe(0);
    expect(printed[0]?.split('\n')[0]).toBe('pending: 0  sending: 0  sent: 0  failed: 0  dead: 1');
    const text = printed.join('\n');
    expect(text).toMatch(
      /#\d+ story story-1 -> discord:42 after 1 attempt\(s\), .*: invalid: 400 embed too long/,
    );
    printed = [];
    expect(await herald('outbox', '--retry-dead', '--json')).toBe(0);
    expect(JSON.parse(printed[0] ?? '{}')).toMatchObject({
      retried: 1,
      dead: [],
      counts: { pending: 1, dead: 0 },
    });
  });

  it('guesses the kind of a target from its id', () => {
    expect(guessKind('telegram', '@news')).toBe('channel');
    expect(guessKind('telegram', '-1001234')).toBe('group');
    expect(guessKind('telegram', '1234')).toBe('private');
    expect(guessKind('whatsapp', '123@g.us')).toBe('group');
    expect(guessKind('whatsapp', '123@newsletter')).toBe('channel');
    expect(guessKind('whatsapp', '4912345@s.whatsapp.net')).toBe('private');
    expect(guessKind('discord', '42')).toBe('channel');
  });
});
