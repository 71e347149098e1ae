import { beforeEach, describe, expect, test } from 'vitest';
import {
  openCommandFixture,
  privateChat,
  storyUrl,
  type CommandFixture,
} from '../support/commands-fixture.ts';
import { checkCase, type Case } from '../support/command-cases.ts';
import { replyViolations } from '../support/reply-limits.ts';

/** latest, summary, related and search: every argument form and every bad one. */
const cases: Case[] = [
  // latest
  {
    name: 'latest: default 5',
    text: 'latest',
    expect: {
      kind: 'cards',
      text: /^Latest stories$/,
      titles: [/Tram/, /Harbour bridge/, /chess/, /marathon/, /library/],
    },
  },
  {
    name: 'latest 2',
    text: '/latest 2',
    expect: { kind: 'cards', titles: [/Tram/, /Harbour bridge/] },
  },
  {
    name: 'latest with a bot mention',
    text: '/latest@HeraldBot 1',
    expect: { kind: 'cards', titles: [/Tram/] },
  },
  {
    name: 'latest topic (any case)',
    text: 'latest SPORT',
    expect: { kind: 'cards', text: /^Latest in Sport$/, titles: [/chess/, /marathon/] },
  },
  {
    name: 'latest topic and n, either order',
    text: 'latest city 1',
    expect: { kind: 'cards', titles: [/Tram/] },
  },
  {
    name: 'latest n and topic',
    text: 'latest 1 weather',
    expect: { kind: 'cards', titles: [/Flood/] },
  },
  {
    name: 'latest 20 (all 8)',
    text: 'latest 20',
    expect: { kind: 'cards', titles: Array.from({ length: 8 }, () => /./) },
  },
  {
    name: 'latest 0',
    text: 'latest 0',
    expect: { kind: 'error', text: /from 1 to 20/, usage: 'latest' },
  },
  {
    name: 'latest 999',
    text: 'latest 999',
    expect: { kind: 'error', text: /At most 20/, usage: 'latest' },
  },
  {
    name: 'latest -3',
    text: 'latest -3',
    expect: { kind: 'error', text: /from 1 to 20/, usage: 'latest' },
  },
  {
    name: 'latest 2.5',
    text: 'latest 2.5',
    expect: { kind: 'error', text: /whole number/, usage: 'latest' },
  },
  { name: 'latest 1e9', text: 'latest 1e9', expect: { kind: 'error', usage: 'latest' } },
  { name: 'latest two numbers', text: 'latest 2 3', expect: { kind: 'error', usage: 'latest' } },
  {
    name: 'latest abc (unknown topic)',
    text: 'latest abc',
    expect: { kind: 'error', text: /no topic “abc”.*topics/, usage: 'latest' },
  },
  // summary
  {
    name: 'summary by words',
    text: 'summary bridge repairs',
    expect: { kind: 'card', text: /^Best match for “bridge repairs”\|Harbour bridge/ },
  },
  {
    name: 'summary by number',
    before: ['latest sport'],
    text: 'summary 2',
    expect: { kind: 'card', text: /^\|Course record/ },
  },
  {
    name: 'summary by #number',
    before: ['latest'],
    text: '/summary #1',
    expect: { kind: 'card', text: /^\|Tram/ },
  },
  {
    name: 'summary by URL (tracking removed)',
    text: `summary ${storyUrl('chess-final')}?utm_source=x#top`,
    expect: { kind: 'card', text: /^\|Teenager/ },
  },
  {
    name: 'summary by URL in <>',
    text: `summary <${storyUrl('flood-warning')}>`,
    expect: { kind: 'card', text: /^\|Flood/ },
  },
  {
    name: 'summary: no argument',
    text: 'summary',
    expect: { kind: 'error', text: /Say which story/, usage: 'summary' },
  },
  {
    name: 'summary: number without a list in this chat is taken from the latest',
    text: 'summary 2',
    expect: { kind: 'card', text: /^Number 2 of the latest stories\|Harbour bridge/ },
  },
  {
    name: 'summary: a latest number past the stories',
    text: 'summary 9',
    expect: { kind: 'error', text: /only 8 stories/, usage: 'summary' },
  },
  {
    name: 'related: number without a list',
    text: 'related 1',
    expect: {
      kind: 'cards',
      text: /^Related to “Tram line.*” \(number 1 of the latest stories\)$/,
      titles: [/Harbour bridge/],
    },
  },
  {
    name: 'summary: number out of range',
    before: ['latest 3'],
    text: 'summary 7',
    expect: { kind: 'error', text: /numbers 1 to 3, not 7/, usage: 'summary' },
  },
  {
    name: 'summary: unknown id',
    text: 'summary 0123456789ab',
    expect: { kind: 'error', text: /no story with that id/, usage: 'summary' },
  },
  {
    name: 'summary: unknown URL',
    text: 'summary https://elsewhere.example/x',
    expect: { kind: 'error', text: /no story with that link/, usage: 'summary' },
  },
  {
    name: 'summary: no match',
    text: 'summary zebra xylophone',
    expect: { kind: 'error', text: /No story matches/, usage: 'summary' },
  },
  {
    name: 'summary: only punctuation',
    text: 'summary "*"',
    expect: { kind: 'error', usage: 'summary' },
  },
  // related
  {
    name: 'related by number',
    before: ['latest'],
    text: 'related 2',
    expect: { kind: 'cards', text: /^Related to “Harbour bridge/, titles: [/Tram/] },
  },
  {
    name: 'related by words',
    text: 'related chess',
    expect: { kind: 'cards', text: /\(best match for “chess”\)/, titles: [/marathon/] },
  },
  {
    name: 'related: none known',
    text: 'related orchestra',
    expect: { kind: 'notice', text: /no stories related to “City orchestra/ },
  },
  { name: 'related: no argument', text: 'related', expect: { kind: 'error', usage: 'related' } },
  {
    name: 'related: unknown story',
    text: 'related https://news.example/none',
    expect: { kind: 'error', usage: 'related' },
  },
  // search
  {
    name: 'search',
    text: 'search harbour',
    expect: { kind: 'cards', text: /^Results for “harbour”$/, titles: [/./, /./] },
  },
  {
    name: 'search alias find',
    text: 'find orchestra tour',
    expect: { kind: 'cards', titles: [/orchestra/] },
  },
  {
    name: 'search: nothing found',
    text: 'search zebra',
    expect: { kind: 'notice', text: /Nothing found for “zebra”/ },
  },
  {
    name: 'search: no words',
    text: 'search',
    expect: { kind: 'error', text: /Give some words/, usage: 'search' },
  },
  {
    name: 'search: FTS operators only',
    text: 'search AND OR NOT * "',
    expect: { kind: 'cards', text: /^Results for “AND OR NOT \* "”$/ },
  },
  {
    name: 'search: SQL is only words',
    text: "search '; DROP TABLE stories; --",
    expect: { kind: 'cards', text: /^Results for “'; DROP TABLE stories; --”$/ },
  },
];

describe('commands against a SQLite store of fixture stories', () => {
  let f: CommandFixture;
  beforeEach(async () => {
    f = await openCommandFixture();
  });

  test.each(cases)('$name: $text', async (c) => {
    await checkCase(f, c);
  });

  test('listing cards are numbered and remembered per chat', async () => {
    const reply = await f.send('search harbour');
    expect(reply?.kind === 'cards' && reply.cards.map((c) => c.number)).toEqual([1, 2]);
    const second = reply?.kind === 'cards' ? reply.cards[1]?.title : undefined;
    expect(await f.send('summary 2')).toMatchObject({ kind: 'card', card: { title: second } });
    const other = await f.send('summary 1', privateChat('bob'));
    expect(other).toMatchObject({ heading: 'Number 1 of the latest stories' });
  });

  test('a long story is cut to the reply limits', async () => {
    const reply = await f.send(`summary ${storyUrl('long-story')}`);
    expect(reply?.kind).toBe('card');
    if (reply?.kind !== 'card') return;
    expect(reply.card.title.length).toBe(250);
    expect(reply.card.summary.length).toBeGreaterThan(1);
    expect(replyViolations(reply)).toEqual([]);
  });
});
