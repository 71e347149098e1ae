import { baseLanguage } from '../text/language/base-language.ts';
import { CrossLanguageIndex, type LinkOptions } from '../text/crosslang/index.ts';
import type { LabelledArticle } from './related.ts';

/** The figures of one language (or of all): links counted over its translated stories. */
export interface CrossLanguageScores {
  language: string;
  stories: number;
  /** Stories with at least one link. */
  linked: number;
  links: number;
  /** Links to a story of the same event. */
  correct: number;
  /** Links to a story of the other event of the same topic (the hard negatives). */
  sibling: number;
  /** The English stories of the stories' events (the source of a translation left out). */
  reachable: number;
  /** correct / links (1 when there is no link). */
  precision: number;
  /** correct / reachable. */
  recall: number;
}

/**
 * Links each story not in English to the English stories of the set (`against` added to the
 * pool), leaving out the story it was translated from, and counts the links per language.
 * Uses only the text and languages; the labels only score.
 */
export function scoreCrossLanguage(
  articles: readonly LabelledArticle[],
  against: readonly LabelledArticle[] = [],
  options: Partial<LinkOptions> = {},
): CrossLanguageScores[] {
  const pool = [...articles, ...against].filter((a) => languageOf(a) === 'en');
  const index = new CrossLanguageIndex();
  for (const a of pool) index.add({ ...a, language: 'en' });
  const queries = articles.filter((a) => languageOf(a) !== 'en');
  const rows = queries.map((q) => scoreOne(q, pool, index, options));
  const languages = [...new Set(rows.map((r) => r.language))].sort();
  return [
    ...languages.map((l) =>
      total(
        l,
        rows.filter((r) => r.language === l),
      ),
    ),
    total('all', rows),
  ];
}

function scoreOne(
  query: LabelledArticle,
  pool: readonly LabelledArticle[],
  index: CrossLanguageIndex,
  options: Partial<LinkOptions>,
): CrossLanguageScores {
  const exclude = new Set(query.source === undefined ? [] : [query.source]);
  const byId = new Map(pool.map((a) => [a.id, a]));
  const links = index.links({ ...query, language: languageOf(query) }, options, exclude);
  const linked = links.map((l) => byId.get(l.id)).filter((a) => a !== undefined);
  const correct = linked.filter((a) => a.cluster === query.cluster).length;
  const sibling = linked.filter(
    (a) => a.cluster !== query.cluster && a.topic === query.topic,
  ).length;
  const reachable = pool.filter((a) => a.cluster === query.cluster && !exclude.has(a.id)).length;
  return row(
    languageOf(query),
    1,
    links.length > 0 ? 1 : 0,
    links.length,
    correct,
    sibling,
    reachable,
  );
}

function total(language: string, rows: readonly CrossLanguageScores[]): CrossLanguageScores {
  const sum = (pick: (r: CrossLanguageScores) => number) => rows.reduce((s, r) => s + pick(r), 0);
  return row(
    language,
    sum((r) => r.stories),
    sum((r) => r.linked),
    sum((r) => r.links),
    sum((r) => r.correct),
    sum((r) => r.sibling),
    sum((r) => r.reachable),
  );
}

function row(
  language: string,
  stories: number,
  linked: number,
  links: number,
  correct: number,
  sibling: number,
  reachable: number,
): CrossLanguageScores {
  return {
    language,
    stories,
    linked,
    links,
    correct,
    sibling,
    reachable,
    precision: links === 0 ? 1 : correct / links,
    recall: reachable === 0 ? 0 : correct / reachable,
  };
}

function languageOf(article: LabelledArticle): string {
  return baseLanguage(article.language ?? 'en');
}
