import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractEntities, isHeadlineCase } from '../../src/text/entities.ts';

const SEED = new URL('../../content/000_286eab670ba08ef6.txt', import.meta.url);

describe('extractEntities on the founding story', () => {
  const [, title = '', ...paragraphs] = readFileSync(SEED, 'utf8').split(/\n\s*\n/);
  const entities = extractEntities(title, paragraphs.join('\n\n'), 12);

  it('finds the multi-word names, without their titles', () => {
    expect(entities).toContain('Amir Khan Muttaqi');
    expect(entities).toContain('Dmitry Zhirnov');
    expect(entities).toContain('Vladimir Putin');
    expect(entities).not.toContain('Russian Ambassador Dmitry Zhirnov');
  });

  it('puts the recurring names first', () => {
    expect(entities.slice(0, 4)).toContain('Russia');
    expect(entities.slice(0, 4)).toContain('Taliban');
  });

  it('leaves out sentence-initial ordinary words and weekdays', () => {
    for (const word of ['The', 'Calling', 'Despite', 'Thursday', 'Today']) {
      expect(entities).not.toContain(word);
    }
  });
});

describe('extractEntities', () => {
  it('keeps a single name only when it recurs', () => {
    const body = 'Officials met in Geneva. Talks with Oslo resumed. Geneva hosted the next round.';
    const entities = extractEntities('Talks resume', body);
    expect(entities).toContain('Geneva');
    expect(entities).not.toContain('Oslo');
  });

  it('counts a short form for the full name and keeps "of" inside a name', () => {
    const body =
      'Tara Reid entered rehab, her publicist said. Reid was not available. ' +
      'The Bank of England kept rates on hold.';
    const entities = extractEntities('Star in rehab', body);
    expect(entities[0]).toBe('Tara Reid');
    expect(entities).toContain('Bank of England');
    expect(entities).not.toContain('Reid');
  });

  it('joins an abbreviated title and an initial', () => {
    const body = 'The award went to Dr. Jane Q. Public on Friday, the jury said.';
    expect(extractEntities('Award', body)).toContain('Jane Q. Public');
  });

  it('skips headings and shouted lines', () => {
    const body = 'Top News\nTHREE PEOPLE HAVE DIED IN A BLAZE AT THE BANK\nThe fire spread fast.';
    expect(extractEntities('Fire', body)).toEqual([]);
  });

  it('tells a headline-case title from a sentence', () => {
    expect(isHeadlineCase('Russia Becomes First Nation to Recognize Taliban')).toBe(true);
    expect(isHeadlineCase('A publicist says Tara Reid has checked into rehab.')).toBe(false);
  });
});
