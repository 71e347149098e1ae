import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isBlockHeading, isBoilerplateLine } from '../../src/text/boilerplate.ts';
import { isDateStamp, isHeaderLine } from '../../src/text/clean-header.ts';
import { cleanParagraphs, cleanScrapedText, normalizeText } from '../../src/text/clean.ts';

const SEED = new URL('../../content/000_286eab670ba08ef6.txt', import.meta.url);
const ARTICLE = [
  'The minister said the talks would resume next week after a pause of three months.',
  'Officials from both sides described the meeting as constructive and long overdue.',
];

/** The article's two paragraphs with the given lines around them. */
const around = (before: string[], after: string[]) => [...before, ...ARTICLE, ...after];

describe('cleanScrapedText on the founding story', () => {
  const raw = readFileSync(SEED, 'utf8');
  const story = cleanScrapedText(raw);
  const rawParagraphs = raw.split(/\n\s*\n/).map((p) => p.trim());

  it('finds the section and the headline', () => {
    expect(story.section).toBe('News');
    expect(story.title).toBe(
      'Russia Becomes First Nation to Officially Recognize Taliban Government in Afghanistan',
    );
  });

  it('keeps every paragraph of the article, in order, verbatim', () => {
    const article = rawParagraphs.filter((p) => !p.includes('\n') && p.split(' ').length > 20);
    expect(article).toHaveLength(9);
    expect(story.paragraphs).toEqual(article);
  });

  it('drops the share bar, "Top News" and "Related Articles"', () => {
    const text = story.paragraphs.join('\n');
    for (const junk of ['Kindly share', 'Share on', 'Top News', 'Related Articles']) {
      expect(text).not.toContain(junk);
    }
  });

  it('keeps curly quotes and dashes', () => {
    expect(story.paragraphs[2]).toContain('“courageous,”');
    expect(story.paragraphs[4]).toContain('violations—especially');
  });
});

describe('cleanScrapedText on other shapes', () => {
  it('takes the first line as the headline when there is no section line', () => {
    const story = cleanScrapedText(`Talks resume after three months\n\n${ARTICLE.join('\n\n')}`);
    expect(story).toEqual({ title: 'Talks resume after three months', paragraphs: ARTICLE });
  });

  it('drops bylines, datelines and reading times under the headline', () => {
    const top = [
      'Politics',
      'Talks resume after three months',
      'By Jane Doe',
      'Published 3 hours ago',
    ];
    const more = ['Updated: 3 July 2025, 10:42 GMT', '5 min read', 'By Jane Doe | July 3, 2025'];
    const story = cleanScrapedText([...top, ...more, ...ARTICLE].join('\n'));
    expect(story.section).toBe('Politics');
    expect(story.title).toBe('Talks resume after three months');
    expect(story.paragraphs).toEqual(ARTICLE);
  });

  it('joins lines that were hard-wrapped mid-sentence', () => {
    const wrapped = [
      'Talks resume after a pause',
      'The minister said the talks would resume',
      'next week after a pause of three months,',
      'Foreign Minister Amir Khan Muttaqi said.',
      'A second paragraph starts here.',
    ].join('\n');
    expect(cleanScrapedText(wrapped)).toEqual({
      title: 'Talks resume after a pause',
      paragraphs: [
        'The minister said the talks would resume next week after a pause of three months, Foreign Minister Amir Khan Muttaqi said.',
        'A second paragraph starts here.',
      ],
    });
  });

  it('takes a headline that ends with an ellipsis', () => {
    expect(cleanScrapedText(`My memories of Marley...\n\n${ARTICLE.join('\n')}`).title).toBe(
      'My memories of Marley...',
    );
  });

  it('takes a short sentence-case first line as the headline, not as a section', () => {
    const story = cleanScrapedText(
      `Prime minister's questions\n\nWho is playing politics?\n\n${ARTICLE.join('\n')}`,
    );
    expect(story.section).toBeUndefined();
    expect(story.title).toBe("Prime minister's questions");
  });

  it('gives no title when the text starts with a sentence', () => {
    expect(cleanScrapedText(ARTICLE.join('\n')).title).toBeUndefined();
  });
});

describe('cleanParagraphs: boilerplate kinds', () => {
  const cases: [string, string[]][] = [
    [
      'share bars',
      [
        'Share on Facebook',
        'Share on X',
        'Share on WhatsApp',
        'Share via Email',
        'Share this article',
        'Kindly share this story:',
        'Facebook Twitter LinkedIn Telegram',
        'Share',
      ],
    ],
    [
      'newsletter prompts',
      [
        'Sign up for our newsletter',
        'Subscribe to our daily briefing',
        'Subscribe now',
        'Get the latest news delivered to your inbox.',
        'Already a subscriber? Log in',
      ],
    ],
    [
      'cookie prompts',
      [
        'We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.',
        'Accept all cookies',
        'Cookie settings',
        'Accept',
      ],
    ],
    [
      'photo credits',
      [
        'Photo: Reuters',
        'Image credit: AFP',
        '(Getty Images)',
        'File photo',
        'File photo: The ministry in Kabul',
        'AFP via Getty Images',
        'Photo by John Smith on Unsplash',
      ],
    ],
    [
      'ads',
      [
        'Advertisement',
        'ADVERTISEMENT',
        'Sponsored',
        'Sponsored content',
        'Story continues below advertisement',
        'Advertisement - Scroll to continue',
      ],
    ],
    [
      'follow and click prompts',
      [
        'Follow us on Twitter',
        'Follow BBC Africa on Facebook',
        'Join our WhatsApp channel',
        'Click here to read the full report',
        'Click here to subscribe',
      ],
    ],
    [
      'comments',
      ['Comments', 'Leave a comment', 'Leave a Reply', '12 Comments', 'Join the conversation'],
    ],
    [
      'copyright',
      [
        'All rights reserved.',
        'Copyright © 2025 Punch Newspapers. All rights reserved.',
        '© 2025 Reuters',
        'This material may not be published, broadcast, rewritten or redistributed.',
      ],
    ],
    ['tag lists', ['Tags: Afghanistan, Russia, Taliban', 'Filed under: World']],
    [
      'inline promos',
      [
        'Also read: Taliban bans women from universities',
        'READ MORE: Putin meets Muttaqi in Moscow',
        'Read also: Kabul airport reopens',
        'Related: Sanctions eased',
      ],
    ],
  ];

  it.each(cases)('drops %s', (_kind, junk) => {
    const mixed = [junk[0] ?? '', ARTICLE[0] ?? '', ...junk.slice(1), ARTICLE[1] ?? ''];
    expect(cleanParagraphs(mixed)).toEqual(ARTICLE);
  });

  it.each([
    'Related Articles',
    'Related Stories',
    'Read more',
    'More from Reuters',
    'You may also like',
    'Recommended',
    'Top News',
    'Most Read',
  ])('drops the "%s" heading and the headlines under it', (heading) => {
    const headlines = [
      'Taliban bans women from universities',
      'Why Moscow moved first?',
      '3 July 2025',
    ];
    expect(cleanParagraphs(around([], [heading, ...headlines]))).toEqual(ARTICLE);
  });

  it('drops a "Read more »" heading and the teaser headline after it', () => {
    expect(cleanParagraphs(around([], ['Read more »', 'Kabul airport reopens']))).toEqual(ARTICLE);
  });

  it('resumes keeping paragraphs after a promo block ends', () => {
    const paragraphs = [ARTICLE[0] ?? '', 'Read more', 'Kabul airport reopens', ARTICLE[1] ?? ''];
    expect(cleanParagraphs(paragraphs)).toEqual(ARTICLE);
  });

  it('drops an inline "Also read:" line alone, keeping the short line after it', () => {
    const subheading = 'A new era';
    const paragraphs = ['Also read: Kabul airport reopens', subheading, ...ARTICLE];
    expect(cleanParagraphs(paragraphs)).toEqual([subheading, ...ARTICLE]);
  });

  it('drops bylines and datelines only at the edges', () => {
    expect(
      cleanParagraphs(around(['By Jane Doe', '3 hours ago'], ['Updated: July 3, 2025'])),
    ).toEqual(ARTICLE);
    const middle = [ARTICLE[0] ?? '', 'July 3, 2025', ARTICLE[1] ?? ''];
    expect(cleanParagraphs(middle)).toEqual(middle);
  });
});

describe('cleanParagraphs keeps real sentences', () => {
  const sentences = [
    'Shares in the company rose 5%.',
    'The deaths were related to the storm.',
    'He said the advertisement campaign had failed.',
    'Subscribers to the service rose by a third.',
    'He urged viewers to subscribe to the channel.',
    'The photo, taken in 2019, shows the minister.',
    'Photography was banned at the ceremony.',
    'Share prices fell sharply on Monday.',
    'Read more about the plan on the ministry website, he said.',
    'Copyright law was changed in 2019.',
    'Comments by the minister drew criticism.',
    'Sponsored by the state, the programme ran for a decade.',
    'By Thursday, the talks had collapsed.',
    'Updated guidance was issued on Monday.',
    'Tagged as a terrorist group in 2003, the Taliban were removed from the list this year.',
    'Related Articles of the treaty were amended.',
    'Fans follow him on Instagram.',
    'Get ready for updates to the tax code, the minister said.',
    'Join the queue, officials told the crowd at the channel crossing.',
  ];

  it.each(sentences)('keeps "%s"', (sentence) => {
    expect(cleanParagraphs([sentence, ...ARTICLE])).toEqual([sentence, ...ARTICLE]);
  });

  it('keeps short subheadings inside the article', () => {
    const paragraphs = [ARTICLE[0] ?? '', 'What happens next', ARTICLE[1] ?? ''];
    expect(cleanParagraphs(paragraphs)).toEqual(paragraphs);
  });
});

describe('a whole scraped page', () => {
  const page = [
    'Skip to content',
    'World',
    'Kabul airport reopens to international flights',
    'By Jane Doe | 4 July 2025, 10:42 GMT | 3 min read',
    'Advertisement',
    ARTICLE[0],
    'Photo: AFP via Getty Images',
    'Also read: Taliban name new aviation minister',
    ARTICLE[1],
    'Follow us on Telegram',
    'Sign up for our newsletter to get the latest news every morning',
    'Tags: Afghanistan, aviation',
    'Share on Facebook',
    'Share on X',
    'Copyright © 2025 Example News. All rights reserved.',
    'You may also like',
    'Taliban name new aviation minister',
    'Why airlines are returning to Kabul?',
    'Leave a comment',
    'We use cookies to give you the best experience. By continuing you accept our cookie policy.',
  ].join('\n\n');

  it('keeps the section, the headline and the two paragraphs only', () => {
    expect(cleanScrapedText(page)).toEqual({
      section: 'World',
      title: 'Kabul airport reopens to international flights',
      paragraphs: ARTICLE,
    });
  });
});

describe('normalisation', () => {
  it('applies NFC, drops zero-width characters and folds whitespace', () => {
    const raw = 'Cafe\u0301 \u200Bopens\u00A0 its\tdoors\u2060 \uFEFFtoday.';
    expect(cleanParagraphs([raw])).toEqual(['Café opens its doors today.']);
  });

  it('keeps joiners inside words and emoji', () => {
    expect(normalizeText('می\u200Cخواهم 👩\u200D💻')).toBe('می\u200Cخواهم 👩\u200D💻');
  });

  it('drops empty paragraphs and repeated ones', () => {
    expect(cleanParagraphs(['', '  ', ARTICLE[0] ?? '', ARTICLE[0] ?? ''])).toEqual([ARTICLE[0]]);
  });

  it('keeps line breaks when asked', () => {
    expect(cleanParagraphs(['one  item\n  two\n\n'], { keepLineBreaks: true })).toEqual([
      'one item\ntwo',
    ]);
  });
});

describe('line classifiers', () => {
  it('tells a date stamp from a sentence', () => {
    expect(isDateStamp('Thu 3 Jul 2025 10:42 GMT')).toBe(true);
    expect(isDateStamp('2 hours ago')).toBe(true);
    expect(isDateStamp('July')).toBe(false);
    expect(isDateStamp('Talks in 2025')).toBe(false);
  });

  it('sees bylines, but not sentences starting with "By"', () => {
    expect(isHeaderLine('By Jane Doe, Reuters')).toBe(true);
    expect(isHeaderLine('By Thursday, talks collapsed')).toBe(false);
  });

  it('needs the whole line to be a heading or furniture', () => {
    expect(isBlockHeading('Related Articles')).toBe(true);
    expect(isBlockHeading('Related articles show a pattern')).toBe(false);
    expect(isBoilerplateLine('Advertisement')).toBe(true);
    expect(isBoilerplateLine('Advertisement revenue fell.')).toBe(false);
  });
});
