import type { Story } from '../domain/story.ts';
import { CrossLanguageIndex } from '../text/crosslang/index.ts';
import type { Run } from './deps.ts';

/** The stories a story is compared with: those ingested from two days before it was published. */
const WINDOW_MS = 2 * 24 * 60 * 60 * 1000;
/** At most this many of them, oldest first (the cost is linear in them). */
const POOL_LIMIT = 2000;
/** Lines shown: the languages with the best links first. */
const MAX_LANGUAGES = 3;
/** Outlets named on one line. */
const MAX_SOURCES = 3;

/**
 * "Also reported in Russian by X, Y": the languages other than the story's in which stories
 * of the pool link to it by what needs no translation (src/text/crosslang, ADR
 * 0029-crosslang). None when HERALD_CROSS_LANGUAGE is off.
 */
export async function alsoReportedLines(run: Run, story: Story): Promise<string[]> {
  if (run.deps.crossLanguage !== true) return [];
  const since = new Date(story.publishedAt.getTime() - WINDOW_MS);
  const pool = await run.deps.stories.storiesSince(since, POOL_LIMIT);
  const index = new CrossLanguageIndex();
  for (const s of [story, ...pool]) index.add(s);
  const byId = new Map(pool.map((s) => [s.id, s]));
  const sources = new Map<string, string[]>();
  for (const link of index.links(story)) {
    const source = byId.get(link.id)?.source;
    const named = sources.get(link.language) ?? [];
    if (source !== undefined && !named.includes(source)) named.push(source);
    sources.set(link.language, named);
  }
  const names = new Intl.DisplayNames([run.t('crossLanguage.locale')], { type: 'language' });
  return [...sources].slice(0, MAX_LANGUAGES).map(([language, outlets]) =>
    run.t('crossLanguage.also', {
      language: names.of(language) ?? language,
      sources: outlets.slice(0, MAX_SOURCES).join(', '),
    }),
  );
}
