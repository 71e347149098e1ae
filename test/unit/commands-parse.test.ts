import { describe, expect, test } from 'vitest';
import { parseCommand, type ParseResult } from '../../src/commands/parse.ts';
import { editDistance, suggestName } from '../../src/commands/suggest.ts';
import { cleanInput } from '../../src/commands/text.ts';

const parse = (text: string, botName?: string): ParseResult =>
  parseCommand(cleanInput(text), botName === undefined ? {} : { botName });

describe('parseCommand: valid commands', () => {
  test.each([
    ['help', { name: 'help' }],
    ['/start', { name: 'help' }],
    ['?', { name: 'help' }],
    ['help Latest', { name: 'help', about: 'latest' }],
    ['help nonsense', { name: 'help' }],
    ['latest', { name: 'latest', count: 5 }],
    ['/LATEST 7', { name: 'latest', count: 7 }],
    ['!news 3 Sport', { name: 'latest', count: 3, topic: 'Sport' }],
    ['latest world news', { name: 'latest', count: 5, topic: 'world news' }],
    ['latest 3,0', { name: 'latest', count: 3 }],
    ['/latest@HeraldBot 2', { name: 'latest', count: 2 }],
    ['summary 2', { name: 'summary', story: '2' }],
    ['/sum   russia \n taliban', { name: 'summary', story: 'russia taliban' }],
    ['tldr https://x.example/a?b=1', { name: 'summary', story: 'https://x.example/a?b=1' }],
    ['related 0123456789ab', { name: 'related', story: '0123456789ab' }],
    ['more 1', { name: 'related', story: '1' }],
    ['search "quoted words"', { name: 'search', words: '"quoted words"' }],
    ['find taliban', { name: 'search', words: 'taliban' }],
    ['topics please', { name: 'topics' }],
    ['subscribe', { name: 'subscribe', topics: [] }],
    ['subscribe sport Sport culture', { name: 'subscribe', topics: ['sport', 'culture'] }],
    ['follow world news, sport', { name: 'subscribe', topics: ['world news', 'sport'] }],
    ['/stop', { name: 'unsubscribe', topics: [] }],
    ['unsub sport', { name: 'unsubscribe', topics: ['sport'] }],
    ['status', { name: 'settings' }],
    ['digest off', { name: 'digest', off: true, times: [] }],
    ['digest OFF', { name: 'digest', off: true, times: [] }],
    ['digest 7:05', { name: 'digest', off: false, times: ['07:05'] }],
    ['digest 18.30, 7h15', { name: 'digest', off: false, times: ['18:30', '07:15'] }],
  ])('%j', (text, command) => {
    expect(parse(text)).toEqual({ ok: true, command });
  });
});

describe('parseCommand: failures', () => {
  test.each([
    ['', { kind: 'empty' }],
    ['/', { kind: 'empty' }],
    ['!', { kind: 'empty' }],
    ['@bot', { kind: 'empty' }],
    ['frobnicate', { kind: 'unknown', word: 'frobnicate' }],
    ['lates', { kind: 'unknown', word: 'lates', suggestion: 'latest' }],
    ['/serch x', { kind: 'unknown', word: 'serch', suggestion: 'search' }],
    ['subscibe', { kind: 'unknown', word: 'subscibe', suggestion: 'subscribe' }],
    ['latest 0', { kind: 'invalid', name: 'latest' }],
    ['latest 21', { kind: 'invalid', name: 'latest' }],
    ['latest abc 1.5', { kind: 'invalid', name: 'latest' }],
    ['summary', { kind: 'invalid', name: 'summary' }],
    ['related', { kind: 'invalid', name: 'related' }],
    ['search', { kind: 'invalid', name: 'search' }],
    ['search !!! ***', { kind: 'invalid', name: 'search' }],
    ['digest', { kind: 'invalid', name: 'digest' }],
    ['digest 24:00', { kind: 'invalid', name: 'digest' }],
    ['digest 8', { kind: 'invalid', name: 'digest' }],
    [`subscribe ${'t'.repeat(101)}`, { kind: 'invalid', name: 'subscribe' }],
  ])('%j', (text, failure) => {
    const result = parse(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure).toMatchObject(failure);
  });

  test('a command for another bot is left alone; for this bot (any case) it runs', () => {
    expect(parse('/latest@OtherBot', 'HeraldBot')).toEqual({
      ok: false,
      failure: { kind: 'elsewhere' },
    });
    expect(parse('/latest@heraldbot', '@HeraldBot').ok).toBe(true);
    expect(parse('/latest@OtherBot').ok).toBe(true);
  });
});

describe('suggestions', () => {
  test('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  test('only close words get a suggestion', () => {
    expect(suggestName('topcs')).toBe('topics');
    expect(suggestName('UNSUBSCRIB')).toBe('unsubscribe');
    expect(suggestName('xyz')).toBeUndefined();
    expect(suggestName('a'.repeat(500))).toBeUndefined();
  });
});
