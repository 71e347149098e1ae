/**
 * Runs in a worker thread (see enrich-pool.ts): prepares story texts ahead of the ingest
 * thread, which goes through the same stories in order and takes each one's prepared text or,
 * when the worker has not got to it, prepares it itself.
 *
 * Who prepares which story is settled per story through shared memory (`RunState`): each
 * side claims a story before preparing it, so no story is prepared twice and neither side
 * waits for the other except on the one story the worker is busy with. The worker works
 * from just ahead of the ingest thread (`LEAD`) and at most `MAX_AHEAD` stories ahead of it.
 *
 * A story whose text processing throws comes back as `undefined`: the ingest then processes
 * it on its own thread, where the error is reported against the story.
 *
 * The worker also numbers the terms (the ingest thread's map from term to number is the hot
 * spot of taking a prepared text): each term gets a number here on first sight, in order, and
 * each answer carries the terms first seen in it, which the ingest thread maps to its own
 * numbers once. Title and body are not sent back: the ingest thread has them.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { prepareText, type PreparedText } from './prepared-text.ts';

/** What a story's text is prepared from. */
export interface TextInput {
  title: string;
  body: string;
}

/** A run: stories the ingest goes through in order, with their shared claim states. */
export interface RunRequest {
  run: number;
  summarySentences: number;
  stories: TextInput[];
  /** Int32Array over a SharedArrayBuffer: see `RunState`. */
  state: Int32Array;
}

/**
 * The shared words of a run: [AT] the story the ingest thread is at, [STOP] set when the run
 * is over, then one claim word per story.
 */
export const RunState = {
  AT: 0,
  STOP: 1,
  FIRST: 2,
  FREE: 0,
  WORKER: 1,
  INGEST: 2,
  DONE: 3,
} as const;

/** How far ahead of the ingest thread the worker starts: it is about to take the next ones. */
export const LEAD = 2;
/** How far ahead of the ingest thread the worker goes at most (what waits, waits in memory). */
export const MAX_AHEAD = 300;

/**
 * A prepared text as sent back: without title and body, and with this worker's term numbers
 * for the terms (each term's text is sent once, with the answer that numbered it first).
 */
export type WirePrepared = Omit<PreparedText, 'title' | 'body' | 'termIds' | 'counts'> & {
  counts: Omit<PreparedText['counts'], 'terms'>;
  localIds: Int32Array;
};

/** One story's answer, on the results port. */
export interface RunResult {
  run: number;
  index: number;
  prepared: WirePrepared | undefined;
  /** Terms numbered first in this answer: `newTerms[i]` got number `newFrom + i`. */
  newFrom: number;
  newTerms: string[];
}

const numbers = new Map<string, number>();

function prepareOne(story: TextInput, summarySentences: number): Omit<RunResult, 'run' | 'index'> {
  const newFrom = numbers.size;
  const newTerms: string[] = [];
  let text: PreparedText;
  try {
    text = prepareText(story.title, story.body, summarySentences);
  } catch {
    return { prepared: undefined, newFrom, newTerms };
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
  const { summary, entities, fingerprint, contentHash } = text;
  const counts = { title: text.counts.title, body: text.counts.body };
  return {
    prepared: { summary, entities, fingerprint, contentHash, counts, localIds },
    newFrom,
    newTerms,
  };
}

/** Prepares what the ingest thread has not claimed, from just ahead of it, until the run ends. */
function work(request: RunRequest, results: MessagePort): void {
  const { state, stories } = request;
  const { AT, STOP, FIRST, FREE, WORKER, DONE } = RunState;
  let next = 0;
  while (Atomics.load(state, STOP) === 0) {
    const at = Atomics.load(state, AT);
    next = Math.max(next, at + LEAD);
    if (next >= stories.length) return;
    if (next > at + MAX_AHEAD) {
      // Far enough ahead: wait for the ingest thread to move (or the run to end).
      Atomics.wait(state, AT, at, 100);
      continue;
    }
    const slot = FIRST + next;
    if (Atomics.compareExchange(state, slot, FREE, WORKER) === FREE) {
      const answer = prepareOne(stories[next] as TextInput, request.summarySentences);
      results.postMessage({ run: request.run, index: next, ...answer } satisfies RunResult);
      Atomics.store(state, slot, DONE);
      Atomics.notify(state, slot);
    }
    next += 1;
  }
}

const results = (workerData as { results?: MessagePort } | undefined)?.results;
if (results !== undefined) {
  parentPort?.on('message', (request: RunRequest) => {
    work(request, results);
  });
}
