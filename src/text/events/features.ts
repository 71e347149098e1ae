import { extractEntities } from '../entities.ts';
import { countWords, type TermCounts } from '../story-text.ts';
import { contentWords, words } from '../tokenize.ts';
import { statedYear } from './stated-date.ts';

/** What the event assignment reads of one story (all of it computed from the text alone). */
export interface StoryFeatures {
  id: string;
  /** Content words with their saturated frequency (title words counted extra). */
  terms: Map<string, number>;
  /** Lowercase words of the story's names ("reid", "promises"). */
  names: Set<string>;
  /** Words of the story's leading names (its first few, best first). */
  keyNames: string[];
  /** Numbers in the text ("33", "2008"), as written. */
  numbers: Set<string>;
  /** The near-duplicate fingerprint (see fingerprint.ts), when known. */
  fingerprint?: string;
  /** Publication time (ms since the epoch), when known. */
  at?: number;
  /** The year of the date the story states of itself (its dateline), when it states one. */
  statedYear?: string;
  /** The outlet that published it, when known (see `sameOutletJoin`). */
  source?: string;
}

export interface FeatureInput {
  id: string;
  title: string;
  body: string;
  /** Names already extracted (a stored story's), else extracted here. */
  entities?: readonly string[];
  counts?: TermCounts;
  fingerprint?: string;
  publishedAt?: Date;
  source?: string;
}

/** Leading names of a story whose words must be found in an event it joins. */
const KEY_NAMES = 3;

/** Extra occurrences counted for a title word. */
const TITLE_EXTRA = 1;

/** A story's features, from its text (and the fingerprint and date Herald already has). */
export function storyFeatures(input: FeatureInput): StoryFeatures {
  const counts = input.counts ?? countWords(words(input.title), words(input.body));
  const terms = new Map<string, number>();
  counts.terms.forEach((term, i) => {
    const tf = (counts.body[i] ?? 0) + (1 + TITLE_EXTRA) * (counts.title[i] ?? 0);
    if (tf > 0) terms.set(term, 1 + Math.log(tf));
  });
  const entities = input.entities ?? extractEntities(input.title, input.body, 20);
  const names = new Set(entities.flatMap((name) => contentWords(name)));
  const numbers = new Set([...terms.keys()].filter((t) => /^\d+$/.test(t)));
  const keyNames = [...new Set(entities.slice(0, KEY_NAMES).flatMap((name) => contentWords(name)))];
  const features: StoryFeatures = { id: input.id, terms, names, keyNames, numbers };
  if (input.fingerprint !== undefined) features.fingerprint = input.fingerprint;
  if (input.publishedAt !== undefined) features.at = input.publishedAt.getTime();
  const year = statedYear(input.title, input.body);
  if (year !== undefined) features.statedYear = year;
  if (input.source !== undefined) features.source = input.source;
  return features;
}
