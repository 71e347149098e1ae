import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sampleDevelopments, thresholdTable } from '../../src/eval/developments.ts';
import { parseArticles } from '../../src/eval/related.ts';
import {
  DEVELOPMENT_LINE_CHARS,
  DEVELOPMENT_THRESHOLD,
  clipLine,
  developmentOf,
} from '../../src/text/events/index.ts';

// Made-up reports of one made-up event (not from the evaluation data).
const FIRST = {
  title: 'Flood closes the harbour road in Northport',
  text: [
    'Heavy rain flooded the harbour road in Northport on Tuesday, the council said.',
    'Council leader Anna Berg said the road would stay closed until the water went down.',
    'Drivers were told to use the ring road instead.',
  ].join('\n\n'),
};

const COPY = {
  title: 'Northport harbour road shut by flooding',
  text: [
    'Heavy rain flooded the harbour road in Northport on Tuesday, the council said.',
    'Council leader Anna Berg said the road would stay closed until the water went down.',
  ].join('\n\n'),
};

const LATER = {
  title: 'Northport flood: 40 homes evacuated as river bursts its banks',
  text: [
    'Heavy rain flooded the harbour road in Northport on Tuesday.',
    'Firefighters evacuated 40 homes on Mill Lane overnight after the Wend river burst its banks.',
    'Fire chief Omar Haddad said two people were taken to hospital with mild hypothermia.',
  ].join('\n\n'),
};

describe('developmentOf', () => {
  it('finds the new names, numbers and sentences of a later report', () => {
    const dev = developmentOf([FIRST], LATER);
    expect(dev.isDevelopment).toBe(true);
    expect(dev.newNumbers).toEqual(['40']);
    expect(dev.newNames).toEqual(expect.arrayContaining(['Omar Haddad']));
    expect(dev.newNames).not.toContain('Northport');
    expect(dev.newSentences).toHaveLength(2);
    expect(dev.newSentences).not.toContain(
      'Heavy rain flooded the harbour road in Northport on Tuesday.',
    );
    expect(dev.line).toBe(dev.newSentences[0]);
  });

  it('does not take a near-copy for a development', () => {
    const dev = developmentOf([FIRST], COPY);
    expect(dev.isDevelopment).toBe(false);
    expect(dev.score).toBeLessThan(developmentOf([FIRST], LATER).score);
    expect(dev.newSentences).toEqual([]);
    expect(dev.newNumbers).toEqual([]);
  });

  it('measures against every earlier report', () => {
    const again = developmentOf([FIRST, LATER], { ...LATER, title: 'Northport flood update' });
    expect(again.isDevelopment).toBe(false);
    expect(again.newSentences).toEqual([]);
  });

  it('with nothing earlier, everything is new', () => {
    const dev = developmentOf([], FIRST);
    expect(dev.score).toBe(1);
    expect(dev.isDevelopment).toBe(true);
  });

  it('reads "1,200" and "1200" as one number', () => {
    const dev = developmentOf(
      [{ title: 'Strike', text: 'About 1,200 workers walked out on Monday morning at the plant.' }],
      { title: 'Strike', text: 'About 1200 workers walked out, and 3 unions backed them.' },
    );
    expect(dev.newNumbers).toEqual(['3']);
  });

  it('says what was added in one line, the new facts when no sentence is new', () => {
    const dev = developmentOf([FIRST], {
      title: FIRST.title,
      text: `${FIRST.text}\n\nThe road reopened at 6 pm.`,
    });
    expect(dev.newSentences).toEqual([]);
    expect(dev.line).toBe('New figures: 6');
    expect(developmentOf([FIRST], FIRST).line).toBe('Nothing new.');
  });

  it('keeps the line to one line of at most 200 characters', () => {
    const long = `${'A very long sentence about the new flood barrier '.repeat(8)}ends here.`;
    const dev = developmentOf([FIRST], { title: 'Barrier', text: long });
    expect(dev.line.length).toBeLessThanOrEqual(DEVELOPMENT_LINE_CHARS);
    expect(dev.line).not.toMatch(/\n/);
    expect(dev.line.endsWith('…')).toBe(true);
    expect(clipLine('one\ntwo')).toBe('one two');
  });

  it('does not depend on the order of the earlier reports', () => {
    const a = developmentOf([FIRST, COPY], LATER);
    const b = developmentOf([COPY, FIRST], LATER);
    expect(b).toEqual(a);
  });
});

describe('sampleDevelopments', () => {
  it('scores later reports above near-copies of the first report', () => {
    const parsed = parseArticles(
      readFileSync(new URL('../fixtures/ecbplus/related-fixture.jsonl', import.meta.url), 'utf8'),
    );
    if (!parsed.ok) throw new Error(parsed.reason);
    const sample = sampleDevelopments(parsed.articles);
    expect(sample.later.length).toBe(18);
    expect(sample.copies.length).toBeGreaterThan(0);
    expect(Math.max(...sample.copies)).toBeLessThan(DEVELOPMENT_THRESHOLD);
    const [row] = thresholdTable(sample, [DEVELOPMENT_THRESHOLD]);
    expect(row?.copies).toBe(0);
    expect(row?.later).toBeGreaterThan(50);
  });
});
