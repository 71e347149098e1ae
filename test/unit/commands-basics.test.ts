import { beforeEach, describe, test } from 'vitest';
import { openCommandFixture, type CommandFixture } from '../support/commands-fixture.ts';
import { checkCase, type Case } from '../support/command-cases.ts';

/** help and topics, and the messages that are no command at all. */
const cases: Case[] = [
  { name: 'help', text: 'help', expect: { kind: 'notice', text: /latest \[n\] \[topic\]/ } },
  { name: '/start is help', text: '/start', expect: { kind: 'notice', text: /subscribe/ } },
  {
    name: 'help about one command',
    text: 'help summary',
    expect: { kind: 'notice', text: /^summary <story>.*\n<story> is/s },
  },
  {
    name: 'help about an alias',
    text: '!HELP /stop',
    expect: { kind: 'notice', text: /^unsubscribe/ },
  },
  // topics
  {
    name: 'topics',
    text: 'topics',
    expect: { kind: 'notice', text: /City \(3\)\n• Culture \(2\)/ },
  },
  // unknown, empty, too long
  {
    name: 'unknown command',
    text: 'frobnicate',
    expect: { kind: 'error', text: /don't know the command “frobnicate”\. Send help/ },
  },
  {
    name: 'typo gets a suggestion',
    text: '/lastest',
    expect: { kind: 'error', text: /Did you mean latest\?/ },
  },
  { name: 'empty message', text: '   ', expect: { kind: 'error', text: /Send help/ } },
  { name: 'a lone slash', text: '/', expect: { kind: 'error', text: /Send help/ } },
  {
    name: 'too long',
    text: `search ${'a'.repeat(2000)}`,
    expect: { kind: 'error', text: /too long \(2007 characters\).*at most 1000/ },
  },
];

describe('help, topics and non-commands', () => {
  let f: CommandFixture;
  beforeEach(async () => {
    f = await openCommandFixture();
  });

  test.each(cases)('$name: $text', async (c) => {
    await checkCase(f, c);
  });
});
