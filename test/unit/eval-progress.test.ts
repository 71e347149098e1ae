import { describe, expect, it } from 'vitest';
import { clusterEvents } from '../../src/eval/events.ts';
import { rankRelated } from '../../src/eval/related.ts';
import { predictSummaries } from '../../src/eval/summaries.ts';

const articles = ['a', 'b', 'c'].map((id, i) => ({
  id,
  title: `Storm number ${i} hits the coast of Norway`,
  body: 'The storm brought heavy rain. Ferries stopped in Bergen. Power failed in many homes.',
  cluster: 'storm',
  summary: 'The storm brought heavy rain.',
}));

/** Each evaluation tells its progress after every article (drawn as a line on a terminal). */
describe('eval progress', () => {
  it.each([
    ['summaries', (cb: (d: number, t: number) => void) => predictSummaries(articles, 2, false, cb)],
    ['related', (cb: (d: number, t: number) => void) => rankRelated(articles, 2, {}, cb)],
    ['events', (cb: (d: number, t: number) => void) => clusterEvents(articles, {}, cb)],
  ])('%s reports done/total for each article', (_name, run) => {
    const seen: [number, number][] = [];
    run((done, total) => seen.push([done, total]));
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });
});
