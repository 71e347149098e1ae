import { createRequire } from 'node:module';

export type Stemmer = (word: string) => string;

/**
 * Snowball-family stemmers (@orama/stemmers) by base language, each the package's module of
 * it. Languages without one here (Persian, Chinese, Japanese, ...) are not stemmed; English
 * keeps its own path (the FTS porter tokenizer and PostgreSQL's english configuration stem it
 * in search).
 */
const MODULES: Readonly<Record<string, string | undefined>> = {
  ar: 'arabic',
  de: 'german',
  es: 'spanish',
  fr: 'french',
  it: 'italian',
  nl: 'dutch',
  pt: 'portuguese',
  ru: 'russian',
  uk: 'ukrainian',
};

/** The languages whose stemmers are tried on a search word written in a script. */
const BY_SCRIPT: Readonly<Record<'latin' | 'cyrillic' | 'arabic', readonly string[]>> = {
  latin: ['es', 'pt', 'fr', 'de', 'it', 'nl'],
  cyrillic: ['ru', 'uk'],
  arabic: ['ar'],
};

// Loaded when a language first needs one (the package's CommonJS build, so a call stays
// synchronous): loading all nine took a process or text thread about 25 ms at start, for
// stories that are mostly English.
const require = createRequire(import.meta.url);
const loaded = new Map<string, Stemmer>();

/** The stemmer of a base language, if it has one. */
export function stemmerOf(language: string): Stemmer | undefined {
  const name = MODULES[language];
  if (name === undefined) return undefined;
  let stem = loaded.get(language);
  if (stem === undefined) {
    stem = (require(`@orama/stemmers/${name}`) as { stemmer: Stemmer }).stemmer;
    loaded.set(language, stem);
  }
  return stem;
}

/** The stemmers tried on a search word written in a script (its stories may be any of them). */
export function stemmersOfScript(script: string): Stemmer[] {
  const languages = script in BY_SCRIPT ? BY_SCRIPT[script as keyof typeof BY_SCRIPT] : [];
  return languages.map((language) => stemmerOf(language) as Stemmer);
}
