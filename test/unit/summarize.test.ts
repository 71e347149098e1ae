import { describe, expect, it } from 'vitest';
import {
  halfOfFile,
  parseSummaryArticles,
  predictSummaries,
  scoreSummaries,
} from '../../src/eval/summaries.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import { summarize } from '../../src/text/summarize.ts';

// A made-up story (not from the evaluation data) with site furniture mixed in.
const STORY = [
  'Share on Facebook',
  'The city council approved a new budget for the harbour on Tuesday after a long debate.',
  'Photo: Reuters',
  'The harbour budget gives the port authority money to repair the old sea wall and dredge the channel.',
  'Council leader Anna Berg said the harbour repairs could not wait another winter.',
  'Critics said the budget ignored the schools.',
  'Read more:',
  'The port authority said work on the sea wall would start in March and last two years.',
  'Fishermen welcomed the budget, saying the channel had become too shallow for their boats.',
  'It was sunny.',
  'The council will vote on the schools budget next month.',
].join('\n\n');

describe('summarize', () => {
  it('returns at most N sentences of the text, in document order', () => {
    const sentences = splitSentences(STORY);
    for (const n of [1, 2, 3, 4]) {
      const summary = summarize(STORY, { sentences: n });
      expect(summary.length).toBeGreaterThan(0);
      expect(summary.length).toBeLessThanOrEqual(n);
      const positions = summary.map((s) => sentences.indexOf(s));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }
  });

  it('defaults to 3 sentences and is deterministic', () => {
    const first = summarize(STORY);
    expect(first).toHaveLength(3);
    expect(summarize(STORY)).toEqual(first);
    expect(summarize(`${STORY}\n\n`, { title: 'Harbour budget' })).toEqual(first);
  });

  it('never picks boilerplate, headings or fragments of a few words', () => {
    const summary = summarize(STORY, { sentences: 8, maxWords: 1000 });
    expect(summary).not.toContain('Share on Facebook');
    expect(summary).not.toContain('Photo: Reuters');
    expect(summary).not.toContain('Read more:');
    expect(summary).not.toContain('It was sunny.');
    for (const s of summary) expect(s).toMatch(/^[A-Z].*[.!?]$/);
  });

  it('keeps within the word budget, but always gives the best sentence', () => {
    const words = (s: string[]) => s.join(' ').split(/\s+/).length;
    expect(words(summarize(STORY, { maxWords: 40 }))).toBeLessThanOrEqual(40);
    expect(summarize(STORY, { maxWords: 1 })).toHaveLength(1);
  });

  it('does not summarise a short story into itself', () => {
    expect(summarize('The match was called off. Rain fell all day. Fans went home.')).toEqual([]);
    const short = splitSentences(STORY).slice(1, 5).join(' ');
    expect(summarize(short)).toEqual([]);
    expect(summarize('')).toEqual([]);
    expect(summarize(STORY, { sentences: 0 })).toEqual([]);
  });
});

describe('summary evaluation', () => {
  it('splits the file into the articles at odd and at even places', () => {
    const all = ['a', 'b', 'c', 'd', 'e'];
    expect(halfOfFile(all, 'odd')).toEqual(['a', 'c', 'e']);
    expect(halfOfFile(all, 'even')).toEqual(['b', 'd']);
  });

  const line = (id: string, summary: string) =>
    JSON.stringify({ id, title: 'Harbour', body: STORY, summary, category: 'x' });

  it('parses JSONL and scores predictions with macro-averaged ROUGE', () => {
    const parsed = parseSummaryArticles(`${line('a', 'x')}\n\n${line('b', 'y')}\n`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const predictions = predictSummaries(parsed.articles, 3);
    expect(predictions.map((p) => p.id)).toEqual(['a', 'b']);
    const own = parsed.articles.map((a, i) => ({ ...a, summary: predictions[i]?.summary ?? '' }));
    const scores = scoreSummaries(own, predictions);
    expect(scores.rouge1).toBe(100);
    expect(scores.rougeL).toBe(100);
    expect(scores.meanWords).toBeGreaterThan(10);
  });

  it('names the bad line of a malformed file', () => {
    expect(parseSummaryArticles(`${line('a', 'x')}\n{"id": 3}`)).toEqual({
      ok: false,
      reason: expect.stringMatching(/^line 2: "id"/) as unknown,
    });
    expect(parseSummaryArticles('not json')).toEqual({
      ok: false,
      reason: 'line 1: not a JSON object',
    });
    expect(parseSummaryArticles('\n')).toEqual({ ok: false, reason: 'no articles in the file' });
  });
});
