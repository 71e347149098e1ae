import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseArticles,
  rankRelated,
  scoreRelated,
  type LabelledArticle,
} from '../../src/eval/related.ts';
import { fingerprint } from '../../src/text/fingerprint.ts';
import { TermStats, storyTerms } from '../../src/text/keywords.ts';
import { RelatedIndex, type RelatedDoc } from '../../src/text/related-index.ts';

// 3 ECB+ topics x 2 events x 4 articles (CC BY 3.0, see test/fixtures/ecbplus/README.md).
const FIXTURE = new URL('../fixtures/ecbplus/related-fixture.jsonl', import.meta.url);

function fixture(): LabelledArticle[] {
  const parsed = parseArticles(readFileSync(FIXTURE, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.articles;
}

function indexOf(docs: readonly RelatedDoc[]): RelatedIndex {
  const stats = new TermStats();
  for (const d of docs) stats.addDocument(storyTerms(d.title, d.body));
  const index = new RelatedIndex(stats);
  for (const d of docs) index.add(d);
  return index;
}

const topicOf = (cluster: string): string => cluster.split('-')[1] ?? '';

describe('related stories on the ECB+ fixture', () => {
  const articles = fixture();
  const clusterOf = new Map(articles.map((a) => [a.id, a.cluster]));
  const ranked = rankRelated(articles, 7);

  it('ranks every same-event article above every article of the sibling event', () => {
    for (const a of articles) {
      const list = ranked.get(a.id) ?? [];
      const same = list.map((id) => clusterOf.get(id) === a.cluster);
      expect(same.slice(0, 3), a.id).toEqual([true, true, true]);
    }
  });

  it('ranks the sibling event (same kind of story) above other topics', () => {
    for (const a of articles) {
      const next = (ranked.get(a.id) ?? [])
        .slice(3, 5)
        .map((id) => topicOf(clusterOf.get(id) ?? ''));
      expect(next, a.id).toEqual([topicOf(a.cluster), topicOf(a.cluster)]);
    }
  });

  it('scores full recall at 10', () => {
    expect(scoreRelated(articles, ranked).recallAt10).toBeCloseTo(100);
  });
});

describe('RelatedIndex', () => {
  const docs: RelatedDoc[] = fixture().map((a) => ({ id: a.id, title: a.title, body: a.body }));

  it('never lists the story itself and returns at most k, best first', () => {
    const index = indexOf(docs);
    const hits = index.related('ecbplus-1_2ecb', 5);
    expect(hits).toHaveLength(5);
    expect(hits.map((h) => h.id)).not.toContain('ecbplus-1_2ecb');
    const scores = hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('answers nothing for an unknown id', () => {
    expect(indexOf(docs).related('nope', 5)).toEqual([]);
  });

  it('gives the same answers whatever the order of adding', () => {
    const forward = indexOf(docs);
    const backward = indexOf([...docs].reverse());
    for (const id of ['ecbplus-1_2ecb', 'ecbplus-13_6ecbplus']) {
      const a = forward.related(id, 3).map((h) => h.id);
      expect(new Set(backward.related(id, 3).map((h) => h.id))).toEqual(new Set(a));
    }
  });

  it('forgets a removed story, and takes it back when added again', () => {
    const index = indexOf(docs);
    expect(index.remove('ecbplus-1_3ecb')).toBe(true);
    expect(index.size).toBe(docs.length - 1);
    expect(index.related('ecbplus-1_2ecb', 23).map((h) => h.id)).not.toContain('ecbplus-1_3ecb');
    const removed = docs.find((d) => d.id === 'ecbplus-1_3ecb');
    if (removed) index.add(removed);
    expect(index.related('ecbplus-1_2ecb', 3).map((h) => h.id)).toContain('ecbplus-1_3ecb');
    expect(index.remove('ecbplus-1_3ecb')).toBe(true);
    expect(index.remove('ecbplus-1_3ecb')).toBe(false);
  });

  it('leaves out near-duplicates of the story', () => {
    const base = docs.find((d) => d.id === 'ecbplus-1_2ecb');
    if (!base) throw new Error('fixture changed');
    const withFp = docs.map((d) => ({ ...d, fingerprint: fingerprint(d.title, d.body) }));
    const copy = { ...base, id: 'copy-of-1_2ecb', fingerprint: fingerprint(base.title, base.body) };
    const index = indexOf([...withFp, copy]);
    expect(index.related('ecbplus-1_2ecb', 5).map((h) => h.id)).not.toContain('copy-of-1_2ecb');
    const kept = index.related('ecbplus-1_2ecb', 5, { excludeNearDuplicates: false });
    expect(kept[0]?.id).toBe('copy-of-1_2ecb');
  });

  it('prefers the story closer in time when dates exist', () => {
    const day = (d: number): Date => new Date(Date.UTC(2024, 0, d));
    const body = 'Floods closed the valley road after days of rain, the council said.';
    const index = indexOf([
      { id: 'q', title: 'Valley road closed by floods', body, publishedAt: day(10) },
      { id: 'old', title: 'Valley road closed by floods', body, publishedAt: day(1) },
      { id: 'near', title: 'Valley road closed by floods', body, publishedAt: day(11) },
    ]);
    expect(index.related('q', 2).map((h) => h.id)).toEqual(['near', 'old']);
  });
});

describe('parseArticles (herald eval related input)', () => {
  it('names the line of a malformed article', () => {
    const good = JSON.stringify({ id: 'a', title: 't', body: 'b', cluster: 'c' });
    expect(parseArticles(`${good}\n{"id": 1}\n`)).toEqual({
      ok: false,
      reason: 'line 2: "id": Invalid input: expected string, received number',
    });
    expect(parseArticles(`${good}\nnot json\n`)).toMatchObject({ ok: false, reason: /^line 2: / });
    expect(parseArticles(`${good}\n${good}\n`)).toMatchObject({
      ok: false,
      reason: /duplicate id/,
    });
    expect(parseArticles('\n')).toEqual({ ok: false, reason: 'no articles in the file' });
  });
});
