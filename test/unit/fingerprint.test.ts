import { describe, expect, it } from 'vitest';
import { fingerprint, isNearDuplicate, resemblance } from '../../src/text/fingerprint.ts';
import { NearDuplicateIndex } from '../../src/text/near-duplicate-index.ts';

const TITLE = 'Harbour authority approves dredging of the northern channel';
const PARAGRAPHS = [
  'The harbour authority on Tuesday approved a plan to dredge the northern channel, which has silted up since the storms of last winter and now limits the size of ships that can berth.',
  'Work is due to start in the spring and to last about eight months, the authority said, at a cost it put at 14 million euros, shared between the port and the regional government.',
  'Fishermen have long asked for the work. Their association said the shallower channel had cost its members two days at sea a month, because boats had to wait for high tide.',
  'Environmental groups want the dredged sand tested before it is dumped offshore, and say they will ask the court to halt the project if the tests are not published in full.',
];
const BODY = PARAGRAPHS.join('\n\n');

/** A match report from a fixed template: only names and numbers change. */
function matchReport(
  home: string,
  away: string,
  score: string,
  scorer: string,
  minute: number,
): [string, string] {
  return [
    `${home} beat ${away} ${score}`,
    [
      `${home} beat ${away} ${score} on Saturday in front of a crowd of 21,000 at their home ground, with ${scorer} scoring the winner in the ${minute}th minute.`,
      `${away} had the better of the first half but could not turn their chances into goals, and ${home} took control after the break.`,
      'Follow all the weekend fixtures, results and tables on our live football page, and sign up for our newsletter to get the scores every evening.',
      'Tickets for the next home game go on sale on Monday at the club shop and online; season ticket holders get priority booking until Wednesday.',
    ].join('\n\n'),
  ];
}

describe('fingerprint', () => {
  const original = fingerprint(TITLE, BODY);

  it('is 96 slots written as 192 hex digits, and deterministic', () => {
    expect(original).toMatch(/^[0-9a-f]{192}$/);
    expect(fingerprint(TITLE, BODY)).toBe(original);
  });

  it('matches the same story from another feed (other whitespace and quotes)', () => {
    const other = fingerprint(`  ${TITLE} `, BODY.replace(/\n\n/g, '\n').replace(/'/g, '’'));
    expect(isNearDuplicate(original, other)).toBe(true);
  });

  it('matches the story re-published with another date line and another URL in the text', () => {
    const redated = fingerprint(
      TITLE,
      `Published 4 March 2025, 09:12\n\n${BODY}\n\nhttps://example.org/a/1`,
    );
    const original2 = fingerprint(
      TITLE,
      `Published 2 March 2025, 17:40\n\n${BODY}\n\nhttps://news.example.com/x?id=9`,
    );
    expect(isNearDuplicate(redated, original2)).toBe(true);
  });

  it('matches the story with one paragraph added', () => {
    const added =
      'The port expects larger container ships to return once the channel is back to its full depth of twelve metres.';
    const longer = fingerprint(TITLE, [...PARAGRAPHS, added].join('\n\n'));
    expect(isNearDuplicate(original, longer)).toBe(true);
    expect(resemblance(original, longer)).toBeGreaterThan(0.7);
  });

  it('does not match two different match reports from the same template', () => {
    const a = fingerprint(...matchReport('Rovers', 'United', '2-1', 'Tom Walsh', 78));
    const b = fingerprint(...matchReport('Athletic', 'City', '3-0', 'Sam Okafor', 12));
    expect(isNearDuplicate(a, b)).toBe(false);
  });

  it('does not match two market briefs with the same boilerplate', () => {
    const brief = (index: string, move: string, points: string, driver: string): string =>
      `The ${index} ${move} to ${points} points by the close, led by ${driver}. ` +
      'Prices are delayed by at least 15 minutes. Market data is provided for information only and is not investment advice. ' +
      'Sign up to our markets newsletter for the opening bell every morning.';
    const a = fingerprint(
      'Markets close',
      brief('FTSE 100', 'rose 0.4%', '8,102', 'banks after strong results from Lloyds'),
    );
    const b = fingerprint(
      'Markets close',
      brief('DAX', 'fell 1.2%', '17,950', 'carmakers on fears of new US tariffs'),
    );
    expect(isNearDuplicate(a, b)).toBe(false);
  });

  it('does not match unrelated stories', () => {
    const other = fingerprint(...matchReport('Rovers', 'United', '2-1', 'Tom Walsh', 78));
    expect(resemblance(original, other)).toBeLessThan(0.2);
  });

  it('rejects a string that is not a fingerprint', () => {
    expect(() => resemblance(original, 'abc')).toThrow(TypeError);
  });
});

describe('NearDuplicateIndex', () => {
  it('finds the near-duplicates of a new story among many, and forgets removed ones', () => {
    const index = new NearDuplicateIndex();
    for (let i = 0; i < 300; i += 1) {
      index.add(
        `match-${i}`,
        fingerprint(
          ...matchReport(`Team${i}`, `Club${i}`, `${i % 5}-${i % 3}`, `Player ${i}`, i % 90),
        ),
      );
    }
    index.add('harbour', fingerprint(TITLE, BODY));
    const longer = fingerprint(
      TITLE,
      `${BODY}\n\nThe port expects larger ships to return next year.`,
    );
    expect(index.find(longer).map((d) => d.id)).toEqual(['harbour']);
    expect(index.size).toBe(301);
    expect(index.remove('harbour')).toBe(true);
    expect(index.find(longer)).toEqual([]);
    expect(index.remove('harbour')).toBe(false);
  });

  it('replaces the fingerprint of an id added again', () => {
    const index = new NearDuplicateIndex();
    index.add('a', fingerprint(TITLE, BODY));
    index.add('a', fingerprint(...matchReport('Rovers', 'United', '2-1', 'Tom Walsh', 78)));
    expect(index.size).toBe(1);
    expect(index.find(fingerprint(TITLE, BODY))).toEqual([]);
  });
});
