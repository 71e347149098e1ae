import { beforeEach, describe, expect, test } from 'vitest';
import type { CommandContext } from '../../src/domain/platform.ts';
import { USAGE } from '../../src/commands/command.ts';
import {
  context,
  groupChat,
  openCommandFixture,
  privateChat,
  target,
  type CommandFixture,
} from '../support/commands-fixture.ts';
import { replyViolations } from '../support/reply-limits.ts';

interface Step {
  text: string;
  /** Who sends it; a private chat by default. */
  as?: CommandContext;
  kind: 'notice' | 'error';
  text_?: RegExp;
}

interface Case {
  name: string;
  steps: Step[];
}

const alice = privateChat('alice');
const member = groupChat('mallory', false);
const admin = groupChat('ada', true);
const channelMember = groupChat('mallory', false, 'channel');
const operator = context(target('group'), 'operator', false);
const operatorOnConsole = { ...operator, platform: 'console' as const };

const cases: Case[] = [
  {
    name: 'subscribe to everything, then settings',
    steps: [
      {
        text: 'subscribe',
        kind: 'notice',
        text_: /subscribed\.\nTopics: all\nDelivery: every story/,
      },
      { text: 'settings', kind: 'notice', text_: /^This chat is subscribed\.\nTopics: all/ },
    ],
  },
  {
    name: 'subscribe to topics: known ones in their own spelling, unknown ones noted',
    steps: [
      {
        text: 'subscribe sport, CULTURE, knitting',
        kind: 'notice',
        text_: /Topics: Sport, Culture, knitting\n.*\nNo story has “knitting” yet/,
      },
      {
        text: '/follow weather',
        kind: 'notice',
        text_: /Topics: Sport, Culture, knitting, Weather/,
      },
    ],
  },
  {
    name: 'unsubscribe a topic, then the last one',
    steps: [
      { text: 'subscribe sport culture', kind: 'notice' },
      {
        text: 'unsubscribe sport city',
        kind: 'notice',
        text_: /Topics: Culture\n.*\nThis chat did not follow “City”\.$/,
      },
      {
        text: 'unsubscribe culture',
        kind: 'notice',
        text_: /That was all this chat followed, so it is now unsubscribed/,
      },
      {
        text: 'settings',
        kind: 'notice',
        text_: /^This chat is not subscribed \(unsubscribed\)\./,
      },
    ],
  },
  {
    name: 'unsubscribe a topic while following everything excludes it',
    steps: [
      { text: 'subscribe', kind: 'notice' },
      { text: 'unsubscribe weather', kind: 'notice', text_: /Topics: all\nExcept topics: Weather/ },
      { text: 'subscribe weather', kind: 'notice', text_: /Topics: all\nDelivery/ },
    ],
  },
  {
    name: '/stop unsubscribes; subscribe reactivates with the old settings',
    steps: [
      { text: 'subscribe sport', kind: 'notice' },
      { text: 'digest 07:30', kind: 'notice' },
      {
        text: '/stop',
        kind: 'notice',
        text_: /^Unsubscribed: no more stories here\. Send subscribe/,
      },
      { text: 'unsubscribe', kind: 'notice', text_: /^This chat is not subscribed\.$/ },
      {
        text: 'subscribe',
        kind: 'notice',
        text_: /^This chat is subscribed\.\nTopics: Sport\nDelivery: a digest at 07:30/,
      },
    ],
  },
  {
    name: 'digest times, normalised and sorted, then off',
    steps: [
      { text: 'subscribe', kind: 'notice' },
      {
        text: 'digest 18.30 7:05 18:30',
        kind: 'notice',
        text_: /a digest at 07:05, 18:30 · policy event /,
      },
      {
        text: 'digest off',
        kind: 'notice',
        text_: /Delivery: every story as it comes · policy event /,
      },
    ],
  },
  {
    name: 'delivery policy: by the policy command and subscribe --policy',
    steps: [
      { text: 'policy every', kind: 'error', text_: /not subscribed: send subscribe first/ },
      {
        text: 'subscribe --policy every',
        kind: 'notice',
        text_: / · policy every \(every article\)/,
      },
      { text: 'policy event+updates', kind: 'notice', text_: / · policy event\+updates \(/ },
      { text: 'settings', kind: 'notice', text_: / · policy event\+updates / },
      {
        text: 'subscribe World policy=event',
        kind: 'notice',
        text_: /Topics: World\n.* · policy event \(/,
      },
      {
        text: 'policy sometimes',
        kind: 'error',
        text_: /Give a policy: event, event\+updates, every\./,
      },
      { text: 'subscribe --policy never', kind: 'error', text_: /Give a policy/ },
    ],
  },
  {
    name: 'digest: bad arguments and no subscription',
    steps: [
      { text: 'digest 08:00', kind: 'error', text_: /not subscribed: send subscribe first/ },
      { text: 'subscribe', kind: 'notice' },
      { text: 'digest', kind: 'error', text_: /Give a time as HH:MM \(24 h\), or off/ },
      { text: 'digest 25:00', kind: 'error', text_: /HH:MM/ },
      { text: 'digest noon', kind: 'error', text_: /HH:MM/ },
      { text: 'digest 1:00 2:00 3:00 4:00 5:00 6:00 7:00', kind: 'error', text_: /At most 6/ },
    ],
  },
  {
    name: 'settings without a subscription',
    steps: [{ text: 'settings', kind: 'notice', text_: /no subscription\. Send subscribe/ }],
  },
  {
    name: 'a topic name too long, too many topics',
    steps: [
      { text: `subscribe ${'x'.repeat(101)}`, kind: 'error', text_: /at most 100 characters/ },
      {
        text: `subscribe ${Array.from({ length: 51 }, (_, i) => `t${i}`).join(' ')}`,
        kind: 'error',
        text_: /At most 50 topics/,
      },
    ],
  },
  {
    name: 'in a group only admins may change the subscription; everyone may read it',
    steps: [
      { text: 'subscribe', as: member, kind: 'error', text_: /Only the admins of this group/ },
      { text: 'subscribe sport', as: admin, kind: 'notice' },
      { text: 'unsubscribe', as: member, kind: 'error', text_: /Only the admins/ },
      { text: 'digest 08:00', as: member, kind: 'error', text_: /Only the admins/ },
      { text: 'settings', as: member, kind: 'notice', text_: /Topics: Sport/ },
      { text: 'unsubscribe', as: admin, kind: 'notice', text_: /^Unsubscribed/ },
    ],
  },
  {
    name: 'in a channel too',
    steps: [
      { text: 'subscribe', as: channelMember, kind: 'error', text_: /admins of this channel/ },
    ],
  },
  {
    name: 'an operator may change any chat without being its admin',
    steps: [
      { text: 'subscribe', as: operator, kind: 'error', text_: /Only the admins/ },
      { text: 'subscribe', as: operatorOnConsole, kind: 'notice' },
    ],
  },
];

describe.each(['memory', 'sqlite'] as const)('subscriptions (%s store)', (store) => {
  let f: CommandFixture;
  beforeEach(async () => {
    f = await openCommandFixture({ subscriptions: store });
  });

  test.each(cases)('$name', async ({ steps }) => {
    for (const step of steps) {
      const reply = await f.send(step.text, step.as ?? alice);
      expect(reply?.kind, step.text).toBe(step.kind);
      if (reply === undefined || (reply.kind !== 'notice' && reply.kind !== 'error')) continue;
      if (step.text_ !== undefined) expect(reply.text, step.text).toMatch(step.text_);
      expect(replyViolations(reply)).toEqual([]);
    }
    expect(f.errors).toEqual([]);
  });

  test('errors on subscription commands carry their usage line', async () => {
    expect(await f.send('digest', alice)).toMatchObject({ usage: USAGE.digest });
    expect(await f.send('subscribe', member)).toMatchObject({ usage: USAGE.subscribe });
  });

  test('the subscription belongs to the chat and records who made it', async () => {
    await f.send('subscribe sport', admin);
    const sub = await f.subscriptions.findByTarget(admin.target);
    expect(sub).toMatchObject({
      active: true,
      createdBy: 'telegram:ada',
      mode: { kind: 'instant' },
      filters: { includeTopics: ['Sport'], excludeTopics: [] },
    });
    expect(await f.subscriptions.findByTarget(alice.target)).toBeUndefined();
  });

  test('isAdmin is asked only in groups, and only for changes', async () => {
    let asked = 0;
    const counting = (base: CommandContext): CommandContext => ({
      ...base,
      isAdmin: () => {
        asked += 1;
        return Promise.resolve(true);
      },
    });
    await f.send('subscribe', counting(alice));
    await f.send('settings', counting(admin));
    expect(asked).toBe(0);
    await f.send('subscribe', counting(admin));
    expect(asked).toBe(1);
  });
});

describe('topic list bounds', () => {
  test('a chat cannot follow or exclude more topics than a subscription holds', async () => {
    const f = await openCommandFixture({ subscriptions: 'sqlite' });
    const chat = privateChat('zed');
    const names = (from: number) => Array.from({ length: 30 }, (_, i) => `t${from + i}`).join(' ');
    expect(await f.send(`subscribe ${names(0)}`, chat)).toMatchObject({ kind: 'notice' });
    expect(await f.send(`subscribe ${names(30)}`, chat)).toMatchObject({
      kind: 'error',
      text: /at most 50/,
    });
    await f.send('unsubscribe', chat);
    await f.send('subscribe', chat);
    const sub = await f.subscriptions.findByTarget(chat.target);
    expect(sub?.filters.includeTopics).toHaveLength(30);
    expect(f.errors).toEqual([]);
  });

  test('excluding: at most 50', async () => {
    const f = await openCommandFixture({ subscriptions: 'sqlite' });
    const chat = privateChat('zed');
    const names = (from: number) => Array.from({ length: 30 }, (_, i) => `t${from + i}`).join(' ');
    await f.send('subscribe', chat);
    expect(await f.send(`unsubscribe ${names(0)}`, chat)).toMatchObject({
      kind: 'notice',
      text: /Except topics: t0/,
    });
    expect(await f.send(`unsubscribe ${names(30)}`, chat)).toMatchObject({
      kind: 'error',
      text: /at most 50/,
    });
    expect(await f.send('settings', chat)).toMatchObject({ kind: 'notice' });
    expect(f.errors).toEqual([]);
  });
});
