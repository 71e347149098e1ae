import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { storyIdFromPath, storyIdFromUrl } from '../../src/domain/story-id.ts';
import {
  MAX_CONTENT_BYTES,
  parseContentFile,
  parseStoryDate,
  type ContentFileResult,
} from '../../src/ingest/content-file.ts';
import type { ParsedStory } from '../../src/ingest/parsed-story.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/content/${name}`, import.meta.url));
const SEED_PATH = '000_286eab670ba08ef6.txt';
const SEED = readFileSync(new URL(`../../content/${SEED_PATH}`, import.meta.url));
const BODY = 'The first flight in months landed at Kabul airport on Friday, officials said.';

function story(result: ContentFileResult): ParsedStory {
  if (!result.ok) throw new Error(`expected a story, got: ${result.reason}`);
  return result.story;
}

function reason(result: ContentFileResult): string {
  if (result.ok) throw new Error('expected a rejection');
  return result.reason;
}

/** A Markdown file with the given front matter lines and body. */
const markdown = (frontMatter: string[], body = BODY) =>
  Buffer.from(`---\n${frontMatter.join('\n')}\n---\n\n${body}\n`);

describe('parseContentFile: the founding story', () => {
  const parsed = story(parseContentFile(SEED_PATH, SEED));

  it('has the headline, the section and a path id', () => {
    expect(parsed.title).toBe(
      'Russia Becomes First Nation to Officially Recognize Taliban Government in Afghanistan',
    );
    expect(parsed.section).toBe('News');
    expect(parsed.id).toBe(storyIdFromPath(SEED_PATH));
    expect(parsed.origin).toEqual({ kind: 'content', ref: SEED_PATH });
    expect(parsed.publishedAt).toBeUndefined();
    expect(parsed.topics).toEqual([]);
  });

  it('has the nine paragraphs separated by blank lines, and no site leftovers', () => {
    const paragraphs = parsed.body.split('\n\n');
    expect(paragraphs).toHaveLength(9);
    expect(paragraphs[0]).toMatch(/^In a pivotal move/);
    expect(paragraphs[8]).toMatch(/isolated for nearly four years\.$/);
    expect(parsed.body).not.toMatch(/share|Top News|Related Articles/i);
  });
});

describe('parseContentFile: Markdown with front matter', () => {
  const parsed = story(parseContentFile('world/front-matter.md', fixture('front-matter.md')));

  it('reads every front matter field', () => {
    const url = 'https://news.example.com/world/kabul-airport?id=7';
    expect(parsed).toMatchObject({
      id: storyIdFromUrl(url),
      title: 'Kabul airport reopens to international flights',
      url,
      source: 'Example News',
      section: 'World',
      language: 'en',
      imageUrl: 'https://news.example.com/img/kabul.jpg',
      topics: ['Afghanistan', 'aviation'],
      origin: { kind: 'content', ref: 'world/front-matter.md' },
    });
    expect(parsed.publishedAt?.toISOString()).toBe('2025-07-04T05:00:00.000Z');
  });

  it('turns the body into plain paragraphs without the repeated title or boilerplate', () => {
    expect(parsed.body.split('\n\n')).toEqual([
      'The first international flight in months landed at Kabul airport on Friday, officials said.',
      'Airlines from three countries have asked for landing rights.',
      'What changes for travellers',
      'Visas on arrival for some nationals\nDaily flights to Dubai and Istanbul',
      'Flight KAM-101 09:30',
    ]);
  });
});

describe('parseContentFile: other accepted shapes', () => {
  it('reads a scraped text fixture', () => {
    const parsed = story(parseContentFile('scraped.txt', fixture('scraped.txt')));
    expect(parsed.title).toBe('Kabul airport reopens to international flights');
    expect(parsed.section).toBe('World');
    expect(parsed.body.split('\n\n')).toHaveLength(2);
  });

  it('takes the title from a leading "# Heading" when the front matter has none', () => {
    const parsed = story(parseContentFile('a.md', Buffer.from(`# Airport reopens\n\n${BODY}`)));
    expect(parsed).toMatchObject({ title: 'Airport reopens', body: BODY });
  });

  it('reads a comma-separated topics string', () => {
    const parsed = story(parseContentFile('a.md', markdown(['title: T', 'topics: a, b ,, c'])));
    expect(parsed.topics).toEqual(['a', 'b', 'c']);
  });

  it('strips a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), markdown(['title: T'])]);
    expect(story(parseContentFile('a.md', bytes)).title).toBe('T');
  });

  it('gives the front matter title priority over a .txt headline it does not match', () => {
    const bytes = Buffer.from(`---\ntitle: Given title\n---\nA found headline here\n\n${BODY}`);
    const parsed = story(parseContentFile('a.txt', bytes));
    expect(parsed.title).toBe('Given title');
    expect(parsed.body).toBe(`A found headline here\n\n${BODY}`);
  });

  it('uses the path id when there is no url, and treats empty fields as absent', () => {
    const parsed = story(parseContentFile('x/y.md', markdown(['title: T', 'url:', 'image: ""'])));
    expect(parsed.id).toBe(storyIdFromPath('x/y.md'));
    expect(parsed.url).toBeUndefined();
    expect(parsed.imageUrl).toBeUndefined();
  });

  it.each(['next Tuesday', '2025-02-30'])('leaves publishedAt undefined for date: %s', (date) => {
    const parsed = story(parseContentFile('a.md', markdown(['title: T', `date: ${date}`])));
    expect(parsed.publishedAt).toBeUndefined();
  });
});

describe('parseStoryDate', () => {
  it.each([
    ['2025-07-03', '2025-07-03T00:00:00.000Z'],
    ['2025-07-03T10:42:00Z', '2025-07-03T10:42:00.000Z'],
    ['2025-07-03 10:42', '2025-07-03T10:42:00.000Z'],
    ['2025-07-03T10:42:00+02:00', '2025-07-03T08:42:00.000Z'],
    ['Thu, 03 Jul 2025 10:42:00 GMT', '2025-07-03T10:42:00.000Z'],
    ['3 Jul 2025 10:42 +0100', '2025-07-03T09:42:00.000Z'],
    ['2025-07-03 10:00:00 +02:00', '2025-07-03T08:00:00.000Z'],
    ['2025-07-03T10:42:00.123456Z', '2025-07-03T10:42:00.123Z'],
    ['Thu, 3 Jul 25 10:42 EDT', '2025-07-03T14:42:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseStoryDate(text)?.toISOString()).toBe(iso);
  });

  it.each([
    'next Tuesday',
    'July 3',
    '2025-13-45',
    '2025-02-29',
    '2025-07-03T24:10',
    '31 Jun 2025 10:00 GMT',
    '',
    '03/07/2025',
  ])('refuses "%s"', (text) => {
    expect(parseStoryDate(text)).toBeUndefined();
  });

  it('takes a Date as it is and refuses a number', () => {
    const date = new Date('2025-07-03T00:00:00Z');
    expect(parseStoryDate(date)).toBe(date);
    expect(parseStoryDate(2025)).toBeUndefined();
  });
});

describe('parseContentFile: a headline with a colon', () => {
  it('reads `title: Brexit: what next` as the writer meant, other keys untouched', () => {
    const parsed = story(
      parseContentFile(
        'a.md',
        markdown(['title: Brexit: what happens next', 'source: BBC News', 'topics: [politics]']),
      ),
    );
    expect(parsed.title).toBe('Brexit: what happens next');
    expect(parsed.topics).toEqual(['politics']);
  });

  it('still reports a YAML error it cannot mend, at its line', () => {
    expect(reason(parseContentFile('a.md', markdown(['title: A: b', 'topics: [a'])))).toMatch(
      /^bad front matter: .*\(line \d+ of the file\)$/,
    );
  });
});

describe('parseContentFile: the names static site generators give the date and topics', () => {
  it('reads publishDate, published, pubDate, published_at as the date when date is absent', () => {
    for (const key of ['publishDate', 'published', 'pubDate', 'published_at', 'datePublished']) {
      const parsed = story(parseContentFile('a.md', markdown(['title: T', `${key}: 2024-05-01`])));
      expect(parsed.publishedAt?.toISOString(), key).toBe('2024-05-01T00:00:00.000Z');
    }
    const both = story(
      parseContentFile('a.md', markdown(['title: T', 'date: 2024-05-02', 'published: 2024-05-01'])),
    );
    expect(both.publishedAt?.toISOString()).toBe('2024-05-02T00:00:00.000Z');
  });

  it('reads tags and categories as the topics when topics is absent', () => {
    const hugo = markdown(['title: T', 'tags: [Floods, Weather]', 'categories: [News, weather]']);
    expect(story(parseContentFile('a.md', hugo)).topics).toEqual(['Floods', 'Weather', 'News']);
    expect(story(parseContentFile('a.md', markdown(['title: T', 'tags: a, b']))).topics).toEqual([
      'a',
      'b',
    ]);
    const own = markdown(['title: T', 'topics: [politics]', 'tags: [x]']);
    expect(story(parseContentFile('a.md', own)).topics).toEqual(['politics']);
  });
});

describe('parseContentFile: rejections', () => {
  const cases: [string, string, Buffer, RegExp][] = [
    [
      'a YAML error',
      'a.md',
      markdown(['title: [unclosed']),
      /^bad front matter: .*\(line \d+ of the file\)$/,
    ],
    ['duplicate keys', 'a.md', markdown(['title: A', 'title: B']), /^bad front matter: Map keys/],
    ['front matter that is a list', 'a.md', markdown(['- a', '- b']), /YAML mapping/],
    ['front matter that is a string', 'a.md', markdown(['just text']), /YAML mapping/],
    ['an unclosed front matter', 'a.md', Buffer.from(`---\ntitle: T\n\n${BODY}`), /no closing/],
    [
      'a title of the wrong type',
      'a.md',
      markdown(['title: [a, b]']),
      /^bad front matter: title: /,
    ],
    ['topics of the wrong type', 'a.md', markdown(['title: T', 'topics: {a: 1}']), /topics: /],
    [
      'a bad url',
      'a.md',
      markdown(['title: T', 'url: ftp://x.y/z']),
      /url: "ftp:\/\/x.y\/z" is not/,
    ],
    [
      'a bad image',
      'a.md',
      markdown(['title: T', 'image: not a url']),
      /^bad front matter: image: /,
    ],
    ['a bad language', 'a.md', markdown(['title: T', 'language: English!']), /language: /],
    ['no title', 'a.md', Buffer.from(`${BODY}\n`), /^no title: /],
    ['no title in a .txt', 'a.txt', Buffer.from(`${BODY}\n`), /^no title: .*headline/],
    ['an empty body', 'a.md', markdown(['title: T'], ''), /^empty body/],
    [
      'a body of boilerplate only',
      'a.md',
      markdown(['title: T'], 'Share on X\n\nAdvertisement'),
      /^empty body/,
    ],
    ['NUL bytes', 'a.md', Buffer.from([0x23, 0x20, 0x41, 0x00, 0x42]), /^binary content: .*NUL/],
    [
      'invalid UTF-8',
      'a.txt',
      Buffer.from([0x48, 0x69, 0xc3, 0x28, 0xff]),
      /^binary content: .*UTF-8/,
    ],
    ['an unsupported extension', 'a.html', Buffer.from(BODY), /^unsupported file type/],
  ];

  it.each(cases)('rejects %s', (_what, file, bytes, expected) => {
    expect(reason(parseContentFile(file, bytes))).toMatch(expected);
  });

  it('rejects a file over 1 MB, and accepts one of exactly 1 MB', () => {
    const head = `# Big\n\n`;
    const exact = Buffer.from(head + 'a'.repeat(MAX_CONTENT_BYTES - head.length));
    expect(exact.length).toBe(1_048_576);
    expect(parseContentFile('big.md', exact).ok).toBe(true);
    const over = Buffer.concat([exact, Buffer.from('a')]);
    expect(reason(parseContentFile('big.md', over))).toMatch(/^file too large: 1048577 bytes/);
  });
});

describe('parseContentFile: character references become their characters', () => {
  const BODY_REFS = 'M&uuml;ller said &laquo;Caf&eacute;&raquo; &#233; &#xE9; &amp; AT&T &para2.';
  const BODY_TEXT = 'Müller said «Café» é é & AT&T &para2.';

  it('in a Markdown file: front matter, heading and body (every named HTML entity)', () => {
    const bytes = Buffer.from(
      `---\ntitle: Caf&eacute; &laquo;ouvert&raquo;\nsource: D&uuml;sseldorf Post\ntopics: [caf&eacute;]\n---\n# Caf&eacute; &laquo;ouvert&raquo;\n\n${BODY_REFS} ${BODY}\n`,
    );
    expect(story(parseContentFile('a.md', bytes))).toMatchObject({
      title: 'Café «ouvert»',
      source: 'Düsseldorf Post',
      topics: ['café'],
      body: `${BODY_TEXT} ${BODY}`,
    });
  });

  it('in a scraped text file: headline and body', () => {
    const bytes = Buffer.from(`Caf&eacute; opens in M&uuml;nchen\n\n${BODY_REFS} ${BODY}\n`);
    expect(story(parseContentFile('a.txt', bytes))).toMatchObject({
      title: 'Café opens in München',
      body: `${BODY_TEXT} ${BODY}`,
    });
  });
});
