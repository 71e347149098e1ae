import { isStopWord } from './tokenize.ts';
import { capitalisedSpans, type Span } from './entity-spans.ts';

/**
 * Capitalised names in a story ("Amir Khan Muttaqi", "Islamic Emirate of Afghanistan"),
 * best first. A multi-word name counts from its first mention; a single word only when it
 * recurs. A short form ("Muttaqi") counts for the full name it ends or starts. A title in
 * headline case ("Russia Becomes First Nation") only adds weight to names found in the body.
 */
export function extractEntities(title: string, body: string, k = 10): string[] {
  const mentions = capitalisedSpans(isHeadlineCase(title) ? body : `${title}\n${body}`);
  const titleText = ` ${normalise(title)} `;
  const ranked = rankNames(mentions).filter((n) => n.words.length > 1 || n.count >= 2);
  for (const name of ranked) {
    if (titleText.includes(` ${normalise(name.text)} `)) name.score += 2;
  }
  ranked.sort((a, b) => b.score - a.score || a.first - b.first);
  return ranked.slice(0, k).map((n) => n.text);
}

interface Name {
  text: string;
  words: string[];
  count: number;
  score: number;
  first: number;
}

function rankNames(mentions: readonly Span[]): Name[] {
  const byKey = new Map<string, Name>();
  mentions.forEach((span, index) => {
    const key = span.words.join(' ').toLowerCase();
    const name = byKey.get(key);
    if (name) name.count += 1;
    else
      byKey.set(key, {
        text: span.words.join(' '),
        words: span.words,
        count: 1,
        score: 0,
        first: index,
      });
  });
  const names = [...byKey.values()];
  mergeShortForms(names);
  return names.filter((n) => n.count > 0).map((n) => ({ ...n, score: score(n) }));
}

/** "Muttaqi" or "Reid" alone: add its mentions to the longest name it starts or ends. */
function mergeShortForms(names: Name[]): void {
  for (const short of names) {
    if (short.words.length !== 1) continue;
    const word = short.words[0] ?? '';
    const full = names
      .filter((n) => n.words.length > 1 && (n.words.at(-1) === word || n.words[0] === word))
      .sort((a, b) => b.count - a.count || b.words.length - a.words.length)[0];
    if (!full) continue;
    full.count += short.count;
    short.count = 0;
  }
}

function score(name: Name): number {
  const length = name.words.filter((w) => !isStopWord(w)).length;
  return name.count + 0.5 * Math.min(length - 1, 2);
}

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
}

/** Most words of the title start with a capital: its capitals say nothing about names. */
export function isHeadlineCase(title: string): boolean {
  const content = title.match(/\p{L}[\p{L}'’-]*/gu)?.filter((w) => !isStopWord(w)) ?? [];
  const capitalised = content.filter((w) => /^\p{Lu}/u.test(w)).length;
  return content.length > 0 && capitalised >= 0.7 * content.length;
}
