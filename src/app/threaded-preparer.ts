import { Tinypool } from 'tinypool';
import type { Log } from '../domain/log.ts';
import {
  inThread,
  isPrepareFailure,
  type Prepared,
  type PreparedText,
  type PrepareFailure,
  type TextInput,
  type TextPreparer,
} from '../text/prepared-text.ts';

export interface ThreadedPreparerOptions {
  /** The thread stops after this long without work (ms). */
  idleMs: number;
  /** Fewer texts than this are prepared on the calling thread (a feed poll's worth). */
  minTexts: number;
  /** The thread's entry point (a test gives one that fails). */
  entry: URL;
  log?: Log;
}

const DEFAULTS = {
  idleMs: 30_000,
  minTexts: 100,
  entry: new URL('./text-thread.js', import.meta.url),
} as const satisfies Partial<ThreadedPreparerOptions>;

/** A `TextPreparer` with a thread of its own. */
export interface ThreadedPreparer extends TextPreparer {
  /** Whether its thread exists now. */
  readonly running: boolean;
  /** Texts prepared so far by its thread and by the calling thread. */
  readonly prepared: { readonly byThread: number; readonly byCaller: number };
}

/** A prepared text as the thread answers it: without the title and body the caller holds. */
type Answer = Omit<PreparedText, 'title' | 'body'> | PrepareFailure;

type State = 'off' | 'starting' | 'ready' | 'stopped';

/**
 * Calls the thread may have at once, the one it is on included. A call beyond them is
 * prepared by the caller: with the ingest's three chunks ahead, the thread falls two behind
 * only when preparing is the slower half, and the caller then takes a chunk of it.
 */
const MAX_QUEUED = 2;

/**
 * Prepares texts in one worker thread (tinypool; docs/adr/0018-text-thread.md), one request
 * and one answer per call, while the calling thread goes on (the ingest stores the chunk
 * before). The thread starts on the first call of `minTexts` texts or more and stops when
 * idle. Calls made while it starts wait for it in tinypool's queue (it is up in about 60 ms;
 * preparing them here instead cost the BBC dev ingest a tenth of its speed, ADR 0018); while
 * it already has `MAX_QUEUED` calls to answer, the calling thread prepares the texts itself
 * rather than wait. A thread that fails costs time, never a text: from then on every call is
 * prepared on the calling thread. The results are the same wherever they were prepared.
 */
export function createThreadedPreparer(
  options: Partial<ThreadedPreparerOptions> = {},
): ThreadedPreparer {
  const opts = { ...DEFAULTS, ...options };
  const pool = new Tinypool({
    filename: opts.entry.href,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: opts.idleMs,
    // Not the process's flags: a process run through `node --import tsx` (the bench, the tests)
    // would load tsx into the thread too, about 0.1 s of CPU per start; the entry brings tsx
    // itself when it needs it (text-thread.js).
    execArgv: [],
  });
  let state: State = 'off';
  /** Calls on the thread or waiting for it. */
  let queued = 0;
  const prepared = { byThread: 0, byCaller: 0 };
  const fail = (err: unknown) => {
    if (state === 'stopped') return;
    state = 'stopped';
    opts.log?.warn({ err }, 'text thread failed; texts are prepared on the main thread');
  };
  // A thread that fails between two calls: an 'error' with no task to reject.
  pool.on('error', fail);
  const start = () => {
    state = 'starting';
    pool.run({ texts: [], summarySentences: 0 }).then(() => {
      if (state === 'starting') state = 'ready';
    }, fail);
  };
  const here = (texts: readonly TextInput[], summarySentences: number) => {
    prepared.byCaller += texts.length;
    return inThread.prepare(texts, summarySentences);
  };
  return {
    async prepare(texts, summarySentences) {
      if (texts.length < opts.minTexts) return here(texts, summarySentences);
      // A thread stopped when idle is started again.
      if (state === 'ready' && pool.threads.length === 0) state = 'off';
      if (state === 'off') start();
      if (state === 'stopped' || queued >= MAX_QUEUED) return here(texts, summarySentences);
      queued += 1;
      try {
        const answers = (await pool.run({ texts, summarySentences })) as Answer[];
        prepared.byThread += texts.length;
        return answers.map((answer, i) => withText(answer, texts[i] as TextInput));
      } catch (err) {
        fail(err);
        return await here(texts, summarySentences);
      } finally {
        queued -= 1;
      }
    },
    get running() {
      return pool.threads.length > 0;
    },
    prepared,
    close: async () => {
      state = 'stopped';
      await pool.destroy();
    },
  };
}

function withText(answer: Answer, text: TextInput): Prepared {
  return isPrepareFailure(answer) ? answer : { ...answer, title: text.title, body: text.body };
}
