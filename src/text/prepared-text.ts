import { contentHash } from '../domain/story-id.ts';
import { fingerprint } from './fingerprint.ts';
import { detectLanguage } from './language/detect.ts';
import { readStory, type TermCounts } from './story-text.ts';
import { summarize } from './summarize.ts';

/** What a story's text is prepared from. */
export interface TextInput {
  title: string;
  body: string;
  /** Its language tag, when its source gives one; else its text tells (`detectLanguage`). */
  language?: string;
  /** The language when neither the source nor the text tells (English when not given). */
  defaultLanguage?: string;
}

/**
 * The part of a story's enrichment that depends on its text alone (not on the corpus): its
 * summary, names, near-duplicate fingerprint, content hash and content-word counts. Being a
 * pure function of title and body, it can be computed ahead, on any thread (see
 * `TextPreparer`); the keywords, which depend on the corpus statistics, are computed when the
 * story is taken (`TextEngine.enrich`).
 */
export interface PreparedText extends TextInput {
  /** The language it was read in: given, detected, or the default. */
  language: string;
  summary: string[];
  /** Names, best first (up to STORY_ENTITIES). */
  entities: string[];
  fingerprint: string;
  /** `contentHash(title, body)`. */
  contentHash: string;
  counts: TermCounts;
  /**
   * The number `termId` (the engine's `TermStats.termId`) gives each of `counts.terms`, in
   * order, from what a preparer kept of earlier texts (the text thread: ADR 0018); without it
   * the engine looks each term up. Called when the text is enriched, so terms new to the
   * engine are numbered in the same order either way.
   */
  termIdsFor?: (termId: (term: string) => number) => readonly number[];
}

/** A text whose text work threw: a value, which the ingest reports against its story. */
export interface PrepareFailure {
  failed: string;
}

export type Prepared = PreparedText | PrepareFailure;

export function isPrepareFailure(value: object): value is PrepareFailure {
  return 'failed' in value;
}

export function prepareText(input: TextInput, summarySentences: number): PreparedText {
  const { title, body } = input;
  const language = input.language ?? detectLanguage(title, body) ?? input.defaultLanguage ?? 'en';
  const text = readStory(title, body, undefined, language);
  return {
    title,
    body,
    language,
    summary: summarize(body, { sentences: summarySentences, title, language }),
    entities: text.entities,
    fingerprint: fingerprint(title, body, text.words),
    contentHash: contentHash(title, body),
    counts: text.counts,
  };
}

/** `prepareText` of each text, in order; one that throws gives its failure, not the batch's. */
export function prepareTexts(texts: readonly TextInput[], summarySentences: number): Prepared[] {
  return texts.map((input) => {
    try {
      return prepareText(input, summarySentences);
    } catch (err) {
      return { failed: String(err) };
    }
  });
}

/**
 * Does the text work of `TextEngine.prepare`: on the calling thread (`inThread`), or
 * elsewhere (src/app/threaded-preparer.ts). Whichever does it, the results are the same.
 */
export interface TextPreparer {
  prepare(texts: readonly TextInput[], summarySentences: number): Promise<Prepared[]>;
  /** Releases what it runs on (nothing, for `inThread`). */
  close(): Promise<void>;
}

export const inThread: TextPreparer = {
  prepare: (texts, summarySentences) => Promise.resolve(prepareTexts(texts, summarySentences)),
  close: () => Promise.resolve(),
};
