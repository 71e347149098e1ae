import { describe, expect, it } from 'vitest';
import { parseFeedText } from '../../src/ingest/feeds/parse.ts';
import { feedToStories } from '../../src/ingest/feeds/to-stories.ts';
import { SPEC_EXAMPLES, specExample, strippedExamples } from '../fixtures/feeds/spec/strips.ts';

const FEED_URL = 'http://feeds.test/feed';

function read(text: string) {
  const parsed = parseFeedText(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return { feed: parsed.feed, ...feedToStories(parsed.feed, { feedUrl: FEED_URL, topics: [] }) };
}

describe("each spec's own example", () => {
  it.each(SPEC_EXAMPLES.map((e) => [e.file, e] as const))('reads %s whole', (_, example) => {
    const { feed, stories, rejected } = read(specExample(example.file));
    expect(feed.format).toBe(example.format);
    expect(stories).toHaveLength(example.items);
    expect(rejected).toEqual([]);
  });
});

describe('the examples stripped of one required element at a time', () => {
  it.each(strippedExamples())('%s, stripped of: %s', (_, __, example, text, items) => {
    const { feed, stories, rejected } = read(text);
    expect(feed.format).toBe(example.format);
    expect(rejected).toEqual([]);
    expect(stories).toHaveLength(items);
    expect(stories.every((s) => s.title.trim() !== '')).toBe(true);
    const ids = stories.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(read(text).stories.map((s) => s.id)).toEqual(ids);
  });
});

describe('items missing what their spec requires', () => {
  it('titles an untitled item from its text, and ids a linkless, guidless one by its content', () => {
    const { stories } = read(specExample('rss-0.92.xml'));
    expect(stories.map((s) => s.title)).toEqual([
      "It's been a few days since I added a song to the Grateful Dead channel.",
      'Kevin Drennan started a Grateful Dead Weblog.',
      'The Other One, live instrumental, One From The Vault.',
    ]);
    expect(stories.every((s) => s.url === undefined && /^[0-9a-f]{12}$/.test(s.id))).toBe(true);
  });

  it('takes a guid that is a URL (not marked isPermaLink="false") as the link', () => {
    const eclipse = read(specExample('rss-2.0.xml')).stories.find((s) =>
      s.title.startsWith('Sky watchers'),
    );
    expect(eclipse?.url).toBe('http://liftoff.msfc.nasa.gov/2003/05/30.html#item572');
  });

  it('titles an item with neither title nor text from its link', () => {
    const doc = '<rss><channel><item><link>https://a.example/news/42</link></item></channel></rss>';
    expect(read(doc).stories.map((s) => s.title)).toEqual(['a.example/news/42']);
  });

  it('gives two untitled, undated items that begin alike different ids', () => {
    const start =
      'The same first ninety characters in both items, long enough to be cut short here';
    const doc = `<rss><channel><item><description>${start} and one end.</description></item><item><description>${start} and another end.</description></item></channel></rss>`;
    expect(new Set(read(doc).stories.map((s) => s.id)).size).toBe(2);
  });

  it('rejects only an item with nothing in it, saying so', () => {
    const { stories, rejected } = read('<rss><channel><item><guid>x</guid></item></channel></rss>');
    expect(stories).toEqual([]);
    expect(rejected).toEqual([
      { ref: `${FEED_URL} item 1`, reason: 'the item is empty: no title, no text and no link' },
    ]);
  });

  it('reads a root with no version, a self-closed root and a comment after the root', () => {
    expect(read('<rss/>').stories).toEqual([]);
    expect(read('<feed xmlns="http://www.w3.org/2005/Atom"/>').feed.format).toBe('atom');
    const cached = '<rss><channel><item><title>T</title></item></channel></rss>\n<!-- cached -->';
    expect(read(cached).feed.warnings).toEqual([]);
  });
});

describe('documents that are not feeds', () => {
  const reason = (text: string) => {
    const parsed = parseFeedText(text);
    return parsed.ok ? undefined : parsed.reason;
  };

  it('says what they are instead', () => {
    expect(reason('<!DOCTYPE html><html><body>Hi')).toMatch(/^not a feed: .*an HTML page/);
    expect(reason('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>')).toMatch(
      /an HTML page/,
    );
    expect(reason('<!-- served bare --><body><p>Hello</p>')).toMatch(/an HTML page/);
    expect(reason('<?xml version="1.0"?><opml version="2.0"><body/></opml>')).toBe(
      'not a feed: an XML document whose root is <opml>',
    );
    expect(reason('[1, 2]')).toBe('not a feed: JSON that is not a JSON Feed (an array)');
    expect(reason('{"data": []}')).toBe(
      'not a feed: JSON that is not a JSON Feed (an object with no JSON Feed "version" and no "items")',
    );
    expect(reason('{"version": "2.0", "items": []}')).toMatch(/its "version" is "2.0"/);
    expect(reason('Service unavailable')).toMatch(/neither XML nor JSON .*"Service unavailable"/);
  });

  it('refuses XML that no parser can read, with the reason', () => {
    expect(reason('<rss><channel><item><title a="1>x</title></item></channel></rss>')).toMatch(
      /^not well-formed XML \(/,
    );
  });
});
