import { registerInputs, type Input } from './hostile-inputs.ts';

/**
 * Malformed feeds, built in memory (the 10 MB and 100,000-level ones are never written to disk).
 * Each is a byte string, as a server would send it.
 */
const item = (title: string, extra = '') =>
  `<item><title>${title}</title><link>https://news.example/${encodeURIComponent(title.slice(0, 20))}</link>${extra}</item>`;
const rss = (items: string, head = '<?xml version="1.0" encoding="UTF-8"?>') =>
  `${head}<rss version="2.0"><channel><title>Hostile</title><link>https://news.example/</link>${items}</channel></rss>`;
const laughs = (levels: number) => {
  const defs = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i < levels; i++) defs.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  return `<?xml version="1.0"?><!DOCTYPE rss [${defs.join('')}]>${rss(item(`&lol${levels - 1};`))}`;
};
const dates = [
  'not a date',
  '2025-02-30',
  'Thu, 32 Jan 2025 10:00:00 GMT',
  '99999-01-01',
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '1970-01-01',
  '0',
  '',
  '2025-07-03T25:61:61Z',
  'Mon, 01 Jan 3000 00:00:00 GMT',
];

const FEEDS: Record<string, () => string | Buffer> = {
  empty: () => '',
  whitespace: () => '   \n\t  ',
  garbage: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
  html_page: () => '<!doctype html><html><body><a href="/feed">feed</a></body></html>',
  not_xml: () => 'just some text, not a feed at all',
  truncated: () => rss(item('One') + item('Two') + item('Three')).slice(0, -40),
  truncated_first: () => rss(item('Only one')).slice(0, 120),
  truncated_cut_tag: () => `${rss(item('One') + item('Two')).slice(0, -17)}<it`,
  unclosed_tags: () => rss(item('One', '<description><b><i>never closed')),
  billion_laughs: () => laughs(10),
  quadratic_blowup: () =>
    `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "${'a'.repeat(50_000)}">]>${rss(item('&a;'.repeat(10_000)))}`,
  xxe_file: () =>
    `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>${rss(item('&x;'))}`,
  xxe_parameter: () =>
    `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x.dtd"> %p;]>${rss(item('t'))}`,
  doctype_closing_in_value: () =>
    `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY q "]>"><!ENTITY lol "${'lol'.repeat(1000)}"><!ENTITY lol2 "${'&lol;'.repeat(1000)}">]>${rss(item('&lol2;'))}`,
  two_doctypes: () =>
    `<?xml version="1.0"?><!DOCTYPE a><!DOCTYPE rss [<!ENTITY lol "${'lol'.repeat(1000)}"><!ENTITY lol2 "${'&lol;'.repeat(1000)}">]>${rss(item('&lol2;'))}`,
  entity_outside_doctype: () =>
    `<?xml version="1.0"?><!ENTITY lol "${'lol'.repeat(1000)}">${rss(item('&lol;&lol;'))}`,
  undefined_entities: () => rss(item('&nope; &amp;amp; &#0; &#xFFFFFFFF; &#55296;')),
  title_10mb: () => rss(item('T'.repeat(10 * 1024 * 1024))),
  description_2mb_html: () =>
    rss(item('Big', `<description><![CDATA[${'<p>para</p>'.repeat(180_000)}]]></description>`)),
  nest_100k: () => rss(item('Deep', `${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}`)),
  nest_100k_unclosed: () => rss(item('Deep', '<x>'.repeat(100_000))),
  nest_html_100k: () =>
    rss(
      item(
        'Deep HTML',
        `<description><![CDATA[${'<div>'.repeat(100_000)}text${'</div>'.repeat(100_000)}]]></description>`,
      ),
    ),
  nest_json_100k: () =>
    `{"version":"https://jsonfeed.org/version/1.1","items":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  attributes_100k: () =>
    rss(item('Attrs', `<x ${Array.from({ length: 100_000 }, (_, i) => `a${i}="v"`).join(' ')}/>`)),
  items_5k: () => rss(Array.from({ length: 5_000 }, (_, i) => item(`Item ${i}`)).join('')),
  invalid_dates: () =>
    rss(dates.map((d, i) => item(`Dated ${i}`, `<pubDate>${d}</pubDate>`)).join('')),
  atom_invalid_dates: () =>
    `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>${dates
      .map(
        (d, i) =>
          `<entry><title>E${i}</title><link href="https://a.example/${i}"/><updated>${d}</updated></entry>`,
      )
      .join('')}</feed>`,
  bad_links: () =>
    rss(
      ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', '//evil', 'http://[::1', '']
        .map(
          (l, i) =>
            `<item><title>L${i}</title><link>${l}</link><enclosure url="${l}" type="image/png"/></item>`,
        )
        .join(''),
    ),
  no_title_no_link: () => rss('<item><description>   </description></item><item></item>'),
  cp1251_declared_utf8: () =>
    Buffer.concat([
      Buffer.from(rss('').replace('</channel></rss>', '<item><title>')),
      Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2, 0x20, 0xec, 0xe8, 0xf0]),
      Buffer.from('</title><link>https://news.example/ru</link></item></channel></rss>'),
    ]),
  utf8_declared_latin1: () =>
    Buffer.from(rss(item('Café — “quotes” 日本'), '<?xml version="1.0" encoding="ISO-8859-1"?>')),
  unknown_encoding: () =>
    Buffer.from(rss(item('Unknown'), '<?xml version="1.0" encoding="x-klingon"?>')),
  utf16_no_bom: () => Buffer.from(rss(item('Sixteen')), 'utf16le'),
  utf16_bom: () =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rss(item('BOM')), 'utf16le')]),
  utf16_bom_odd: () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('<rss><x')]),
  invalid_utf8: () =>
    Buffer.concat([
      Buffer.from(rss('').slice(0, -16)),
      Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]),
      Buffer.from('</channel></rss>'),
    ]),
  nul_bytes: () => Buffer.from(rss(item('NUL\u0000title', '<description>a\u0000b</description>'))),
  json_broken: () => '{"version":"https://jsonfeed.org/version/1.1","items":[{"title":"x"',
  json_wrong_types: () =>
    '{"version":"https://jsonfeed.org/version/1.1","title":5,"items":[{"id":{},"title":["a"],"url":7,"date_published":"nope","content_html":null},"str",null,3]}',
  json_items_object: () => '{"version":"https://jsonfeed.org/version/1","items":{"a":1}}',
  hostile_text: () =>
    rss(
      item(
        '&lt;script&gt;alert(1)&lt;/script&gt; @everyone &lt;@&amp;1&gt; \u202eevil\u200b',
        '<description><![CDATA[<img src=x onerror=alert(1)><script>x()</script>@here <b>hi</b>]]></description>',
      ),
    ),
  cdata_unclosed: () => rss(item('C', '<description><![CDATA[never ends')),
  comment_unclosed: () => rss(item('C', '<!-- never ends')),
  pi_unclosed: () => rss(item('P', '<?php never ends')),
  lt_bang_flood: () => `<rss>${'<!x'.repeat(300_000)}`,
  lt_tag_flood: () => `${rss(item('One')).slice(0, -16)}${'<a'.repeat(300_000)}`,
  doctype_flood: () => `<?xml version="1.0"?>${'<!DOCTYPE a ['.repeat(100_000)}<rss/>`,
};

export const FEED_NAMES = Object.keys(FEEDS);

registerInputs((name): Input | undefined => {
  const build = name.startsWith('feed:') ? FEEDS[name.slice(5)] : undefined;
  return build === undefined ? undefined : build();
});

export const feedInputs = (): string[] => FEED_NAMES.map((n) => `feed:${n}`);
