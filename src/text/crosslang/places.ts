import anyAscii from 'any-ascii';
import { NO_SPACE_LETTER } from '../language/scripts.ts';

/**
 * Country names in the story's language, as `p:` + the ISO 3166 code ("Германии", "Allemagne",
 * "德国" -> `p:DE`), from the region names of the ICU data Node ships (`Intl.DisplayNames`): no
 * dependency and every language ICU knows. Cities are not there, and no package on npm keeps
 * their names across scripts well enough (ADR 0030).
 */
export interface PlaceMatch {
  anchors: string[];
  /** The indexes of the tokens that make up a country's name (not read as names again). */
  used: Set<number>;
}

/** Regions of ICU that are no country a story is about. */
const NOT_PLACES = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB']);
/** The least letters of a name's key matched as a prefix ("Германи" in "Германией"). */
const PREFIX_FROM = 4;
/** At most this many letters of an ending after a prefix (case endings, "Iranian"). */
const MAX_ENDING = 3;

interface Place {
  code: string;
  /** The name in the language (matched inside the text in a script without spaces). */
  name: string;
  /** Its words' keys (matched word by word in a script with spaces). */
  keys: string[];
}

interface Table {
  /** Names in scripts without spaces. */
  unspaced: Place[];
  /** The others, by the first `PREFIX_FROM` letters of their first key. */
  byHead: Map<string, Place[]>;
}

const tables = new Map<string, Table>();

function tableOf(language: string): Table {
  const known = tables.get(language);
  if (known !== undefined) return known;
  const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' });
  const table: Table = { unspaced: [], byHead: new Map() };
  for (const code of regionCodes()) {
    const name = names.of(code);
    if (name === undefined) continue;
    const keys = wordsOf(name).map(key);
    if (NO_SPACE_LETTER.test(name)) table.unspaced.push({ code, name, keys });
    else if (keys.length > 0 && keys.every((k) => k !== '')) {
      const head = (keys[0] ?? '').slice(0, PREFIX_FROM);
      table.byHead.set(head, [...(table.byHead.get(head) ?? []), { code, name, keys }]);
    }
  }
  tables.set(language, table);
  return table;
}

/** The ISO 3166 codes ICU names, old ones made current ("SU" is "RU"). */
function regionCodes(): string[] {
  const letters = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + i));
  const codes = letters.flatMap((a) => letters.map((b) => current(a + b)));
  return [...new Set(codes)].filter((c) => !NOT_PLACES.has(c));
}

function current(code: string): string {
  return Intl.getCanonicalLocales(`und-${code}`)[0]?.slice(4) ?? code;
}

function wordsOf(name: string): string[] {
  return name.match(/\p{L}+/gu) ?? [];
}

/** A word compared across case endings: Latin letters, an Arabic article dropped, final vowels dropped. */
export function key(word: string): string {
  const bare = word.replace(/^[وبلف]?ال(?=\p{L}{2})/u, '');
  return anyAscii(bare)
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/[aeiouy]+$/, '');
}

function sameWord(token: string, name: string): boolean {
  if (token === name) return true;
  return (
    name.length >= PREFIX_FROM && token.startsWith(name) && token.length - name.length <= MAX_ENDING
  );
}

/** The countries named in `tokens` (letter runs of the text, in order), or in the text itself. */
export function placesIn(text: string, tokens: readonly string[], language: string): PlaceMatch {
  const table = tableOf(language);
  const anchors = new Set<string>();
  const used = new Set<number>();
  for (const p of table.unspaced) if (text.includes(p.name)) anchors.add(`p:${p.code}`);
  const keys = tokens.map(key);
  for (const [i, k] of keys.entries()) {
    if (!isCapitalised(tokens[i] ?? '')) continue;
    for (const p of table.byHead.get(k.slice(0, PREFIX_FROM)) ?? []) {
      if (!p.keys.every((pk, j) => sameWord(keys[i + j] ?? '', pk))) continue;
      anchors.add(`p:${p.code}`);
      for (let j = 0; j < p.keys.length; j += 1) used.add(i + j);
    }
  }
  return { anchors: [...anchors], used };
}

/** Capitalised, or of a script without case (Arabic). */
function isCapitalised(token: string): boolean {
  return token.toLowerCase() === token.toUpperCase() || /^\p{Lu}/u.test(token);
}
