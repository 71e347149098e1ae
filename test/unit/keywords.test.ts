import { describe, expect, it } from 'vitest';
import { TermStats, extractKeywords, storyTerms } from '../../src/text/keywords.ts';

const CORPUS = [
  [
    'Council approves budget',
    'The city council approved the budget on Monday after a long debate.',
  ],
  [
    'Storm closes schools',
    'A storm closed schools across the city on Monday; the council met anyway.',
  ],
  [
    'Harbour dredging plan',
    'The harbour authority unveiled a dredging plan for the harbour entrance.',
  ],
] as const;

function statsOf(docs: readonly (readonly [string, string])[]): TermStats {
  const stats = new TermStats();
  for (const [title, body] of docs) stats.addDocument(storyTerms(title, body));
  return stats;
}

describe('TermStats', () => {
  it('counts each term once per document, incrementally', () => {
    const stats = new TermStats();
    stats.addDocument(['harbour', 'harbour', 'plan']);
    stats.addDocument(['harbour']);
    expect(stats.docCount).toBe(2);
    expect(stats.df('harbour')).toBe(2);
    expect(stats.df('plan')).toBe(1);
    expect(stats.df('unseen')).toBe(0);
  });

  it('forgets a removed document', () => {
    const stats = new TermStats();
    stats.addDocument(['a1', 'b2']);
    stats.addDocument(['a1']);
    stats.removeDocument(['a1', 'b2']);
    expect(stats.docCount).toBe(1);
    expect(stats.df('a1')).toBe(1);
    expect(stats.df('b2')).toBe(0);
  });

  it('numbers each term once, for good, and answers idf by number too', () => {
    const stats = new TermStats();
    stats.addDocument(['harbour', 'plan']);
    const id = stats.termId('harbour');
    stats.removeDocument(['harbour', 'plan']);
    stats.addDocument(['dredging', 'harbour']);
    expect(stats.termId('harbour')).toBe(id);
    expect(stats.term(id)).toBe('harbour');
    expect(stats.termCount).toBe(2);
    expect(stats.idfOf(id)).toBeCloseTo(stats.idf('harbour'));
    expect(stats.idfOf(stats.termId('unseen'))).toBeCloseTo(stats.idf('never'));
  });

  it('gives rarer terms a higher idf', () => {
    const stats = statsOf(CORPUS);
    expect(stats.idf('dredging')).toBeGreaterThan(stats.idf('council'));
  });
});

describe('extractKeywords', () => {
  const stats = statsOf(CORPUS);

  it('ranks the distinctive repeated term first and leaves out stop words', () => {
    const [title, body] = CORPUS[2];
    const keywords = extractKeywords(title, body, stats, 3);
    expect(keywords[0]).toBe('harbour');
    expect(keywords).toContain('dredging');
    expect(keywords).not.toContain('the');
  });

  it('returns at most k lowercase terms and no bare numbers', () => {
    const keywords = extractKeywords(
      'Budget of 2025',
      'The Budget for 2025 adds 300 posts.',
      stats,
      2,
    );
    expect(keywords).toHaveLength(2);
    expect(keywords.every((k) => k === k.toLowerCase() && !/^\d+$/.test(k))).toBe(true);
  });

  it('is deterministic', () => {
    const [title, body] = CORPUS[1];
    expect(extractKeywords(title, body, stats)).toEqual(extractKeywords(title, body, stats));
  });
});
