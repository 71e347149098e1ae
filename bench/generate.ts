/**
 * Deterministic news-like stories for the benchmark: a seeded vocabulary of made-up but
 * pronounceable words (Zipf-distributed), people, places and organisations, numbers and money,
 * quotes and datelines. Stories come in events (1 to 20 stories sharing names and event words),
 * so near-duplicate, keyword and related-story work sees realistic structure. No real text.
 */
export interface RawStory {
  id: string;
  url: string;
  title: string;
  /** Raw text as a feed would give it: paragraphs separated by blank lines, with odd spacing. */
  body: string;
  topics: string[];
  publishedAt: Date;
}

/** A seeded pseudo-random generator (mulberry32): the same seed, the same stories. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ONSETS = ['b', 'c', 'd', 'f', 'g', 'h', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w'];
const CLUSTERS = ['br', 'cr', 'st', 'tr', 'pl', 'gr', 'sh', 'ch', 'th', 'fl'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ea', 'ou', 'ai'];
const CODAS = ['', '', 'n', 'r', 'st', 'nd', 'l', 'ck', 'm', 'ss'];
const SUFFIXES = ['', '', '', 'ed', 'ing', 's', 'er', 'ment', 'tion', 'ly'];
const LINKS = ['the', 'a', 'of', 'to', 'in', 'and', 'for', 'on', 'with', 'at', 'by', 'from'];
const VERBS = ['said', 'announced', 'warned', 'reported', 'confirmed', 'told', 'expects'];
const SECTIONS = ['business', 'politics', 'sport', 'tech', 'entertainment', 'world', 'health'];

type Rand = () => number;

const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

function syllable(rand: Rand): string {
  const onset = rand() < 0.25 ? pick(rand, CLUSTERS) : pick(rand, ONSETS);
  return onset + pick(rand, VOWELS) + pick(rand, CODAS);
}

function makeWord(rand: Rand, syllables: number): string {
  let word = '';
  for (let i = 0; i < syllables; i += 1) word += syllable(rand);
  return word + pick(rand, SUFFIXES);
}

const capital = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/** The shared word lists: drawn once from their own seed. */
export interface Lexicon {
  words: string[];
  names: string[];
  places: string[];
  orgs: string[];
}

export function createLexicon(seed = 7, size = 30_000): Lexicon {
  const rand = seeded(seed);
  const words = Array.from({ length: size }, (_, i) => makeWord(rand, 1 + (i % 3)));
  const proper = (n: number, syl: number) =>
    Array.from({ length: n }, () => capital(makeWord(rand, syl)));
  return {
    words,
    names: proper(3_000, 2),
    places: proper(800, 2).map((p) => (rand() < 0.3 ? `${p} ${capital(syllable(rand))}` : p)),
    orgs: proper(600, 3).map((o) => `${o} ${pick(rand, ['Group', 'Bank', 'Council', 'FC'])}`),
  };
}

interface Event {
  people: string[];
  place: string;
  org: string;
  words: string[];
  section: string;
}

/** Zipf-like draw: rank density ~ 1/rank over the vocabulary. */
function zipf(rand: Rand, lex: Lexicon): string {
  const rank = Math.floor(Math.exp(rand() * Math.log(lex.words.length)));
  return lex.words[rank - 1] ?? lex.words[0] ?? 'word';
}

function newEvent(rand: Rand, lex: Lexicon): Event {
  const person = () => `${pick(rand, lex.names)} ${pick(rand, lex.names)}`;
  return {
    people: [person(), person()],
    place: pick(rand, lex.places),
    org: pick(rand, lex.orgs),
    words: Array.from({ length: 20 }, () => zipf(rand, lex)),
    section: pick(rand, SECTIONS),
  };
}

function amount(rand: Rand): string {
  const n = (1 + rand() * 99).toFixed(rand() < 0.5 ? 0 : 1);
  return pick(rand, [`£${n}m`, `$${n}bn`, `${n}%`, n, `${n},000`]);
}

function word(rand: Rand, lex: Lexicon, e: Event): string {
  const r = rand();
  if (r < 0.3) return pick(rand, e.words);
  if (r < 0.55) return pick(rand, LINKS);
  return zipf(rand, lex);
}

function phrase(rand: Rand, lex: Lexicon, e: Event, n: number): string {
  return Array.from({ length: n }, () => word(rand, lex, e)).join(' ');
}

function sentence(rand: Rand, lex: Lexicon, e: Event): string {
  const who = rand() < 0.5 ? pick(rand, e.people) : e.org;
  const body = phrase(rand, lex, e, 8 + Math.floor(rand() * 12));
  const r = rand();
  if (r < 0.15) return `"${capital(body)}," ${pick(rand, VERBS)} ${who}.`;
  if (r < 0.4) return `${who} ${pick(rand, VERBS)} ${body} in ${e.place} by ${amount(rand)}.`;
  return `${capital(body)} ${pick(rand, LINKS)} ${amount(rand)} ${phrase(rand, lex, e, 4)}.`;
}

function paragraphs(rand: Rand, lex: Lexicon, e: Event): string[] {
  const count = 4 + Math.floor(rand() * 8);
  return Array.from({ length: count }, () => {
    const n = 1 + Math.floor(rand() * 3);
    return Array.from({ length: n }, () => sentence(rand, lex, e)).join('  ');
  });
}

const DAY_MS = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** `count` stories, seeded; story i is the same in every run. */
export function* generateStories(
  count: number,
  seed = 42,
  lex = createLexicon(),
): Generator<RawStory> {
  const rand = seeded(seed);
  let event = newEvent(rand, lex);
  for (let i = 0; i < count; i += 1) {
    if (i > 0 && rand() < 0.1) event = newEvent(rand, lex);
    const url = `https://news.example/${event.section}/story-${i}`;
    const title = capital(`${event.people[0] ?? ''} ${phrase(rand, lex, event, 5)}`.trim());
    yield {
      id: `gen-${i}`,
      url,
      title,
      body: paragraphs(rand, lex, event).join('\n\n'),
      topics: [event.section],
      publishedAt: new Date(START + Math.floor((i / 300) * DAY_MS) + (i % 300) * 1000),
    };
  }
}
