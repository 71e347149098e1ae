import { describe, expect, test } from 'vitest';
import type { StoryStore } from '../../src/store/story-store.ts';
import {
  context,
  openCommandFixture,
  privateChat,
  START,
  target,
} from '../support/commands-fixture.ts';

describe('the handler boundary', () => {
  test('an unexpected error becomes a short error reply and one log line, never a throw', async () => {
    const base = await openCommandFixture();
    const broken: StoryStore = {
      ...base.stories,
      latestStories: () => Promise.reject(new Error('disk on fire at /var/lib/secret')),
    };
    const f = await openCommandFixture({ deps: { stories: broken } });
    const reply = await f.send('latest');
    expect(reply).toEqual({ kind: 'error', text: 'Something went wrong; try again in a moment.' });
    expect(JSON.stringify(reply)).not.toMatch(/disk|secret|at /);
    expect(f.errors).toHaveLength(1);
    expect(f.errors[0]).toMatchObject({
      msg: 'command failed',
      obj: { platform: 'telegram', chatId: 'dm-alice', userId: 'alice' },
    });
  });

  test('a failing isAdmin is an error reply too', async () => {
    const f = await openCommandFixture();
    const ctx = {
      ...context(target('group'), 'bob', false),
      isAdmin: () => Promise.reject(new Error('403')),
    };
    expect(await f.send('subscribe', ctx)).toMatchObject({ kind: 'error', text: /went wrong/ });
    expect(f.errors).toHaveLength(1);
  });

  test('a store that throws synchronously is caught as well', async () => {
    const base = await openCommandFixture();
    const broken: StoryStore = {
      ...base.stories,
      topicCounts: () => {
        throw new TypeError('boom');
      },
    };
    const f = await openCommandFixture({ deps: { stories: broken } });
    expect(await f.send('topics')).toMatchObject({ kind: 'error' });
  });
});

describe('rate limit through the handler', () => {
  test('10 commands a minute, then one notice, then silence; other users are not affected', async () => {
    const f = await openCommandFixture();
    const replies = [];
    for (let i = 0; i < 13; i++) replies.push(await f.send('help'));
    expect(
      replies.slice(0, 10).every((r) => r?.kind === 'notice' && r.text.startsWith('Herald')),
    ).toBe(true);
    expect(replies[10]).toEqual({
      kind: 'notice',
      text: 'You are sending commands faster than I can answer. Please wait 60 s; until then I will stay quiet.',
    });
    expect(replies.slice(11)).toEqual([undefined, undefined]);
    expect(await f.send('help', privateChat('bob'))).toMatchObject({ kind: 'notice' });
    f.clock.set(START.getTime() + 60_000);
    expect(await f.send('help')).toMatchObject({ kind: 'notice', text: /^Herald/ });
  });

  test('bad and too-long commands count too', async () => {
    const f = await openCommandFixture();
    for (let i = 0; i < 10; i++) await f.send('x'.repeat(5000));
    expect(await f.send('help')).toMatchObject({ text: /faster than I can answer/ });
  });

  test('operators are not limited', async () => {
    const f = await openCommandFixture();
    const op = context({ ...target('private'), platform: 'console' }, 'operator', true);
    for (let i = 0; i < 30; i++) expect(await f.send('help', op)).toMatchObject({ kind: 'notice' });
  });

  test('limits can be set', async () => {
    const f = await openCommandFixture({
      deps: { limits: { commandsPerWindow: 1, maxInputChars: 10 } },
    });
    expect(await f.send('search 12345')).toMatchObject({ kind: 'error', text: /at most 10/ });
    expect(await f.send('help')).toMatchObject({ text: /faster/ });
  });
});

describe('a command addressed to another bot', () => {
  test('is ignored when the bot name is known', async () => {
    const f = await openCommandFixture({ deps: { botName: 'HeraldBot' } });
    expect(await f.send('/latest@OtherBot')).toBeUndefined();
    expect(await f.send('/latest@heraldbot 1')).toMatchObject({ kind: 'cards' });
  });
});
