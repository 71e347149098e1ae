import stopwordsIso from 'stopwords-iso' with { type: 'json' };

/** stopwords-iso's lists, by ISO 639-1 code (the package's one JSON object). */
const LISTS: Readonly<Record<string, readonly string[] | undefined>> = stopwordsIso;

const cache = new Map<string, ReadonlySet<string>>();

/** The stop words of a base language from stopwords-iso (empty when it has none). */
export function stopWordsOf(language: string): ReadonlySet<string> {
  let set = cache.get(language);
  if (set === undefined) {
    set = new Set((LISTS[language] ?? []).map((w) => w.normalize('NFC').toLowerCase()));
    cache.set(language, set);
  }
  return set;
}
