/**
 * Runs in a worker thread (see enrich-pool.ts): prepares the text of the stories it is sent
 * and posts the results back, one message per batch. A story whose text processing throws
 * comes back as `undefined`: the ingest then processes it on its own thread, where the error
 * is reported against the story.
 *
 * It also numbers the terms (the ingest thread's map from term to number is the hot spot of
 * taking a prepared text): each term gets a number here on first sight, in order, and each
 * answer carries the terms first seen in it, which the ingest thread maps to its own numbers
 * once. Title and body are not sent back: the asking side has them.
 */
import { parentPort } from 'node:worker_threads';
import { prepareText, type PreparedText } from './prepared-text.ts';

export interface PrepareRequest {
  id: number;
  summarySentences: number;
  stories: { title: string; body: string }[];
}

/** A prepared text as sent back: without title and body, with this worker's term numbers. */
export type WirePrepared = Omit<PreparedText, 'title' | 'body' | 'termIds'> & {
  localIds: Int32Array;
};

export interface PrepareResponse {
  id: number;
  prepared: (WirePrepared | undefined)[];
  /** Terms numbered first in this answer: `newTerms[i]` got number `newFrom + i`. */
  newFrom: number;
  newTerms: string[];
}

const numbers = new Map<string, number>();

function prepareAll(request: PrepareRequest): PrepareResponse {
  const newFrom = numbers.size;
  const newTerms: string[] = [];
  const prepared = request.stories.map((story): WirePrepared | undefined => {
    let text: PreparedText;
    try {
      text = prepareText(story.title, story.body, request.summarySentences);
    } catch {
      return undefined;
    }
    const { terms } = text.counts;
    const localIds = new Int32Array(terms.length);
    for (let i = 0; i < terms.length; i += 1) {
      const term = terms[i] as string;
      let n = numbers.get(term);
      if (n === undefined) {
        n = numbers.size;
        numbers.set(term, n);
        newTerms.push(term);
      }
      localIds[i] = n;
    }
    const { summary, entities, fingerprint, contentHash, counts } = text;
    return { summary, entities, fingerprint, contentHash, counts, localIds };
  });
  return { id: request.id, prepared, newFrom, newTerms };
}

parentPort?.on('message', (request: PrepareRequest) => {
  parentPort?.postMessage(prepareAll(request));
});
