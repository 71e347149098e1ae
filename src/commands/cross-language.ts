import type { Story } from '../domain/story.ts';
import type { StoryRevision } from '../store/story-store.ts';
import { anchorsOf, CrossLanguageIndex } from '../text/crosslang/index.ts';
import type { Run } from './deps.ts';
import { LruMap } from './lru.ts';

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
 * 0030). None when HERALD_CROSS_LANGUAGE is off.
 */
export async function alsoReportedLines(run: Run, story: Story): Promise<string[]> {
  if (run.deps.crossLanguage !== true) return [];
  const since = new Date(story.publishedAt.getTime() - WINDOW_MS);
  const pool = await run.deps.stories.revisionsSince(since, POOL_LIMIT);
  await rememberAnchors(run, pool, since);
  const index = new CrossLanguageIndex();
  index.addAnchors(story.id, story.language, run.anchors.of(story));
  for (const r of pool) {
    const anchors = run.anchors.known(r);
    if (anchors !== undefined) index.addAnchors(r.id, r.language, anchors);
  }
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

/**
 * Reads the text of the pool's stories whose anchors are not remembered, and remembers them:
 * one by one, or the whole pool in one read when most are new (the first call after a start).
 */
async function rememberAnchors(
  run: Run,
  pool: readonly StoryRevision[],
  since: Date,
): Promise<void> {
  const missing = pool.filter((r) => run.anchors.known(r) === undefined);
  const stories =
    missing.length > pool.length / 2
      ? await run.deps.stories.storiesSince(since, POOL_LIMIT)
      : await Promise.all(missing.map((r) => run.deps.stories.getStory(r.id)));
  for (const s of stories) if (s !== undefined) run.anchors.of(s);
}

/**
 * Each story's anchors, computed once while its text stays the same (keyed by id, content hash
 * and language) and kept for the last `capacity` stories asked: a call then reads the pool's
 * ids and hashes, not its text, and transliterates only the new stories (ADR 0030,
 * bench/cross-language.ts).
 */
export function createAnchorMemory(capacity = 2 * POOL_LIMIT) {
  const memory = new LruMap<string, ReadonlySet<string>>(capacity);
  const key = (r: StoryRevision) => `${r.id} ${r.contentHash} ${r.language}`;
  return {
    known: (revision: StoryRevision): ReadonlySet<string> | undefined => memory.get(key(revision)),
    of(story: Story): ReadonlySet<string> {
      const known = memory.get(key(story));
      if (known !== undefined) return known;
      const anchors = anchorsOf(story.title, story.body, story.language);
      memory.set(key(story), anchors);
      return anchors;
    },
  };
}

export type AnchorMemory = ReturnType<typeof createAnchorMemory>;
