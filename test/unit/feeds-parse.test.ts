import { describe, expect, it } from 'vitest';
import { decodeBody, guessSingleByte } from '../../src/ingest/feeds/decode.ts';
import { htmlToParagraphs } from '../../src/ingest/feeds/html-text.ts';
import { parseFeedText } from '../../src/ingest/feeds/parse.ts';
import { feedToStories } from '../../src/ingest/feeds/to-stories.ts';
import { fixture } from '../fixtures/feeds/server.ts';

const FEED_URL = 'http://feeds.test/feed';

function storiesOf(name: string) {
  const parsed = parseFeedText(decodeBody(fixture(name)).text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return {
    feed: parsed.feed,
    ...feedToStories(parsed.feed, { feedUrl: FEED_URL, topics: ['news'] }),
  };
}

describe('the four formats', () => {
  it('reads RSS 2.0: CDATA, media image, relative links, topics, origin', () => {
    const { stories } = storiesOf('rss2.xml');
    const bridge = stories.find((s) => s.title.startsWith('Council approves the new river bridge'));
    expect(bridge?.url).toBe('https://news.example.org/2024/05/bridge-updated');
    expect(stories.every((s) => s.origin.kind === 'feed' && s.origin.ref === FEED_URL)).toBe(true);
    expect(stories.every((s) => s.topics.join() === 'news' && s.source === 'Example News')).toBe(
      true,
    );
  });

  it('reads RSS 1.0 (RDF) with dc:date', () => {
    const { feed, stories } = storiesOf('rss1.rdf');
    expect(feed.format).toBe('rdf');
    expect(stories.map((s) => s.title)).toEqual(['Second RDF story', 'First RDF story']);
    expect(stories[0]?.publishedAt?.toISOString()).toBe('2024-05-11T08:00:00.000Z');
  });

  it('reads Atom 1.0: html titles, xml:base for relative links, content as paragraphs', () => {
    const { stories } = storiesOf('atom.xml');
    expect(stories[0]).toMatchObject({
      title: 'Solar farm opens in the valley',
      url: 'https://atom.example.org/blog/posts/solar-farm',
      body: 'The farm powers 4,000 homes.\n\nIt cost 12 million.',
    });
  });

  it('reads JSON Feed 1.1: content_html, content_text, image, relative url', () => {
    const { stories, rejected } = storiesOf('feed.json');
    expect(stories.map((s) => s.url)).toEqual([
      'https://json.example.org/posts/2',
      'https://json.example.org/posts/1',
      undefined,
    ]);
    expect(stories[0]?.body).toBe('The museum reopened on Saturday.\n\nEntry is free this month.');
    expect(stories[1]?.imageUrl).toBe('https://json.example.org/img/1.jpg');
    expect(stories[2]?.title).toBe('An item without a title or url');
    expect(rejected).toEqual([]);
  });
});

describe('what real feeds do', () => {
  const { stories, rejected } = storiesOf('rss2.xml');
  const byTitle = (prefix: string) => stories.find((s) => s.title.startsWith(prefix));

  it('cleans a title holding <script> and &amp;amp;', () => {
    expect(byTitle('Tom')?.title).toBe('Tom & Jerry return');
  });

  it('drops scripts from the body and keeps its paragraphs', () => {
    const parsed = parseFeedText(decodeBody(fixture('truncated.xml')).text);
    if (!parsed.ok) throw new Error(parsed.reason);
    const first = feedToStories(parsed.feed, { feedUrl: FEED_URL, topics: [] }).stories.find(
      (s) => s.url?.includes('bridge') === true,
    );
    expect(first?.body).toBe(
      'The city council voted 7 to 2 for the bridge.\n\nWork starts in June & ends in 2026.',
    );
    expect(first?.imageUrl).toBe('https://img.example.org/bridge.jpg');
  });

  it('leaves an invalid date undefined and a future date as it is', () => {
    expect(byTitle('Tom')?.publishedAt).toBeUndefined();
    expect(byTitle('A story from the future')?.publishedAt?.toISOString()).toBe(
      '2099-01-01T00:00:00.000Z',
    );
  });

  it('keeps the newest of items sharing a GUID and says so', () => {
    expect(stories.filter((s) => s.title.startsWith('Council approves'))).toHaveLength(1);
    expect(rejected.map((r) => r.reason)).toContain(
      'duplicate guid bridge-1 within the feed; kept the newest',
    );
  });

  it('gives a linkless item a stable id from the feed URL and its title and date', () => {
    const again = storiesOf('rss2.xml').stories;
    const id = byTitle('No link')?.id;
    expect(id).toMatch(/^[0-9a-f]{12}$/);
    expect(again.find((s) => s.title === 'No link, no guid')?.id).toBe(id);
  });

  it('sorts newest first, undated last', () => {
    expect(stories.map((s) => s.title.slice(0, 12))).toEqual([
      'A story from',
      'Council appr',
      'No link, no ',
      'Tom & Jerry ',
      'An item with',
    ]);
  });

  it('reads a feed with bare ampersands and unclosed HTML without losing items', () => {
    expect(storiesOf('broken.xml').stories.map((s) => s.title)).toEqual([
      'Fish & chips price rises',
      'Second item',
    ]);
  });
});

describe('hostile and damaged documents', () => {
  it('never expands a billion-laughs or external entity', () => {
    const { feed, stories } = storiesOf('billion-laughs.xml');
    expect(stories[0]?.title).toBe('Laugh &lol9; end');
    expect(stories[0]?.body).not.toContain('root:');
    expect(stories[0]?.body.length).toBeLessThan(100);
    expect(feed.warnings[0]).toMatch(/DOCTYPE/);
  });

  it('keeps the complete items of a truncated feed and says it was truncated', () => {
    const { feed, stories } = storiesOf('truncated.xml');
    expect(stories).toHaveLength(3);
    expect(feed.warnings.join()).toMatch(/truncated .*kept its 3 complete items/);
  });

  it('fails with a reason on a truncated feed with no complete item, HTML, or broken JSON', () => {
    expect(parseFeedText('<rss><channel><item><title>cut')).toEqual({
      ok: false,
      reason: 'the feed is truncated (it ends before </rss>) and holds no complete item',
    });
    expect(parseFeedText('<!doctype html><html></html>')).toMatchObject({ ok: false });
    expect(
      parseFeedText('{"version": "https://jsonfeed.org/version/1.1", "items": ['),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not valid JSON/) as unknown,
    });
  });
});

describe('encodings', () => {
  it('detects windows-1251 without a declaration', () => {
    const { text, encoding } = decodeBody(fixture('cp1251.xml'), 'text/xml');
    expect(encoding).toBe('windows-1251');
    expect(text).toContain('Городской совет одобрил новый мост');
  });

  it('honours the HTTP charset and the XML declaration', () => {
    const latin = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss>caf\xe9</rss>',
      'latin1',
    );
    expect(decodeBody(latin).text).toContain('café');
    expect(decodeBody(Buffer.from('caf\xe9', 'latin1'), 'text/xml; charset=iso-8859-1').text).toBe(
      'café',
    );
  });

  it('tells Western single-byte text from Cyrillic', () => {
    expect(guessSingleByte(Buffer.from('Caf\xe9 cr\xe8me br\xfbl\xe9e', 'latin1'))).toBe(
      'windows-1252',
    );
  });
});

describe('htmlToParagraphs', () => {
  it('turns blocks and double breaks into paragraphs, drops styles, decodes entities', () => {
    expect(htmlToParagraphs('One<br><br>Two &eacute;<style>p{}</style><div>Three</div>')).toEqual([
      'One',
      'Two é',
      'Three',
    ]);
  });
});

describe('character references in feeds become their characters', () => {
  const read = (text: string) => {
    const parsed = parseFeedText(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    return feedToStories(parsed.feed, { feedUrl: FEED_URL, topics: [] }).stories;
  };

  it("in RSS 0.91, whose DTD declared HTML's entities (the DOCTYPE is removed)", () => {
    const cafe = read(decodeBody(fixture('spec/rss-0.91.xml')).text).find((s) =>
      s.url?.endsWith('item=21'),
    );
    expect(cafe).toMatchObject({
      title: 'Café culture and the «read-write» web',
      body: 'Writers meet in cafés to talk about the web they write back to.',
    });
  });

  it("in JSON Feed's plain text and titles, named and numeric", () => {
    const [item] = read(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        items: [
          {
            id: '1',
            title: 'M&uuml;ller &laquo;wins&raquo;',
            content_text: 'M&uuml;ller &laquo;won&raquo; &#233;&#xE9; &amp; more.',
          },
        ],
      }),
    );
    expect(item).toMatchObject({ title: 'Müller «wins»', body: 'Müller «won» éé & more.' });
  });
});
