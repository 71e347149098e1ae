import { countScripts, type Script } from './scripts.ts';
import { stopWordsOf } from './stop-lists.ts';

/** Enough of a story to tell its language: the title and the start of the body. */
const SAMPLE_CHARS = 300;
/** Letters a text needs before its script says anything. */
const MIN_LETTERS = 12;

/** Languages told apart by stop words when their script is shared; the first is the fallback. */
const BY_STOP_WORDS: Partial<Record<Script, { fallback?: string; candidates: string[] }>> = {
  latin: { candidates: ['en', 'es', 'pt', 'fr', 'de', 'it', 'nl'] },
  cyrillic: { fallback: 'ru', candidates: ['ru', 'uk', 'bg'] },
  arabic: { fallback: 'ar', candidates: ['ar', 'fa', 'ur'] },
};

/** Scripts that name one language. */
const ONE_LANGUAGE: Partial<Record<Script, string>> = {
  hangul: 'ko',
  thai: 'th',
  greek: 'el',
  hebrew: 'he',
  devanagari: 'hi',
};

/**
 * The language of a story's text, from its letters' scripts (Han without kana is Chinese,
 * with kana Japanese, Hangul Korean, ...) and, where a script is shared, from which
 * language's stop words (stopwords-iso) it uses. Undefined when the evidence is weak: the
 * caller then keeps its configured language.
 */
export function detectLanguage(title: string, body: string): string | undefined {
  const sample = `${title}\n${body.slice(0, SAMPLE_CHARS)}`;
  const scripts = countScripts(sample);
  const total = [...scripts.values()].reduce((a, b) => a + b, 0);
  if (total < MIN_LETTERS) return undefined;
  const han = scripts.get('han') ?? 0;
  const kana = scripts.get('kana') ?? 0;
  if (han + kana > total / 2) return kana >= (han + kana) / 10 ? 'ja' : 'zh';
  const [script, count] = [...scripts].sort((a, b) => b[1] - a[1])[0] ?? ['other', 0];
  if (count <= total / 2) return undefined;
  const single = ONE_LANGUAGE[script];
  if (single !== undefined) return single;
  const shared = BY_STOP_WORDS[script];
  if (shared === undefined) return undefined;
  return byStopWords(sample, shared.candidates) ?? shared.fallback;
}

/** Stop-word hits a language needs, and its lead over the next language (a ratio). */
const MIN_SCORE = 3;
const MIN_LEAD = 1.5;

/**
 * The candidate whose stop words the text uses most. A word on several candidates' lists
 * counts for each a share (1/n), so only what tells them apart decides.
 */
function byStopWords(sample: string, candidates: readonly string[]): string | undefined {
  const lists = listsOf(candidates);
  const scores = candidates.map(() => 0);
  for (const word of sample.toLowerCase().match(/\p{L}+/gu) ?? []) {
    const hits = lists.get(word);
    if (hits === undefined) continue;
    for (const i of hits) scores[i] = (scores[i] ?? 0) + 1 / hits.length;
  }
  const ranked = scores.map((score, i) => ({ score, i })).sort((a, b) => b.score - a.score);
  const [first, second] = ranked;
  if (first === undefined || first.score < MIN_SCORE) return undefined;
  if (second !== undefined && first.score < MIN_LEAD * second.score) return undefined;
  return candidates[first.i];
}

const merged = new Map<readonly string[], Map<string, number[]>>();

/** Each stop word of the candidates, with the candidates (their indexes) that list it. */
function listsOf(candidates: readonly string[]): Map<string, number[]> {
  let lists = merged.get(candidates);
  if (lists === undefined) {
    lists = new Map();
    for (const [i, language] of candidates.entries()) {
      for (const word of stopWordsOf(language)) lists.set(word, [...(lists.get(word) ?? []), i]);
    }
    merged.set(candidates, lists);
  }
  return lists;
}
