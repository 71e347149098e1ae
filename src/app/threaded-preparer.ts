import { Tinypool } from 'tinypool';
import type { Log } from '../domain/log.ts';
import {
  prepareTexts,
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
  /**
   * A call of fewer texts (a feed poll's worth) is prepared on the calling thread unless the
   * thread is already running: it does not start it.
   */
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

/**
 * A prepared text as the thread answers it: without the title and body the caller holds, its
 * terms as the thread's numbers for them.
 */
type Item = Omit<PreparedText, 'title' | 'body' | 'counts'> & {
  counts: Omit<PreparedText['counts'], 'terms'> & { terms: Int32Array };
};

/** The thread's answer to one call (text-thread.js). */
interface Answer {
  thread: number;
  firstNew: number;
  newTerms: string[];
  items: [number, Item | PrepareFailure][];
}

/**
 * The terms one thread numbered, by its numbers, and the engine's number for each. The thread
 * sends each term's string once; a story's terms then arrive as the thread's numbers, which
 * become the same string objects each time and, when the story is enriched, the engine's
 * numbers by an array read (looking every term of every story up in the engine's table cost
 * the generated ingest a twentieth of its time: ADR 0018).
 */
class TermTable {
  readonly strings: string[] = [];
  #ours = new Int32Array(1024).fill(-1);
  #termId: ((term: string) => number) | undefined;

  constructor(readonly thread: number) {}

  /** The counts of an item's terms, and the engine's numbers for them when enriched. */
  text(item: Item): Pick<PreparedText, 'counts' | 'termIdsFor'> {
    const numbers = item.counts.terms;
    // A loop: `Array.from` with a mapping function took 4.2-4.5 us a BBC text, this 0.5.
    const terms = new Array<string>(numbers.length);
    for (let k = 0; k < numbers.length; k += 1)
      terms[k] = this.strings[numbers[k] as number] as string;
    const termIdsFor = (termId: (term: string) => number) => this.#ids(numbers, terms, termId);
    return { counts: { ...item.counts, terms }, termIdsFor };
  }

  #ids(numbers: Int32Array, terms: readonly string[], termId: (term: string) => number): number[] {
    // Another engine numbers its own way.
    if (termId !== this.#termId) {
      this.#termId = termId;
      this.#ours.fill(-1);
    }
    if (this.#ours.length < this.strings.length) {
      const grown = new Int32Array(this.strings.length * 2).fill(-1);
      grown.set(this.#ours);
      this.#ours = grown;
    }
    const ours = this.#ours;
    const ids = new Array<number>(numbers.length);
    for (let i = 0; i < numbers.length; i += 1) {
      const n = numbers[i] as number;
      let id = ours[n] as number;
      if (id < 0) {
        id = termId(terms[i] as string);
        ours[n] = id;
      }
      ids[i] = id;
    }
    return ids;
  }
}

/** Reads an answer's new terms into its thread's table (a thread started again: a new one). */
function readTerms(table: TermTable, answer: Answer): TermTable {
  const current = answer.thread === table.thread ? table : new TermTable(answer.thread);
  if (answer.firstNew !== current.strings.length) {
    throw new Error(`text thread: terms from ${answer.firstNew}, ${current.strings.length} known`);
  }
  for (const term of answer.newTerms) current.strings.push(term);
  return current;
}

type State = 'off' | 'starting' | 'ready' | 'stopped';

/** One call on its way: its texts, the counter it shares with the thread, what the caller took. */
interface Call {
  texts: readonly TextInput[];
  summarySentences: number;
  claim: Int32Array;
  mine: Map<number, Prepared>;
  /** Called when the calling thread has taken every text (see `prepare`). */
  tookAll: () => void;
}

/**
 * Prepares texts in one worker thread (tinypool; docs/adr/0018-text-thread.md), one request
 * and one answer per call, while the calling thread goes on (the ingest stores the chunk
 * before). The thread starts on the first call of `minTexts` texts or more and stops when
 * idle. The two share the work of each call: each takes the next text of the oldest call by
 * adding one to a counter they share, the thread as fast as it can, the calling thread one
 * text a turn of its event loop, so whichever is idle prepares (while the thread starts, the
 * calling thread prepares alone). A thread that fails costs time, never a text: what its calls
 * still lack, and every later call, is prepared on the calling thread (a text the calling
 * thread took is not prepared again). The results are the same wherever they were prepared.
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
  let terms = new TermTable(-1);
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
    return prepareTexts(texts, summarySentences);
  };
  /** Calls whose texts are not all taken yet, oldest first. */
  const open: Call[] = [];
  let helping = false;
  /** The calling thread's share: one text of the oldest open call, then the event loop turns. */
  const help = () => {
    helping = false;
    for (let call = open[0]; call !== undefined; call = open[0]) {
      const i = Atomics.add(call.claim, 0, 1);
      if (i < call.texts.length) {
        const [text] = here([call.texts[i] as TextInput], call.summarySentences);
        call.mine.set(i, text as Prepared);
        if (call.mine.size === call.texts.length) call.tookAll();
        break;
      }
      open.shift();
    }
    schedule();
  };
  /** One turn of `help` ahead, while a call has texts left. */
  const schedule = () => {
    if (helping || open.length === 0) return;
    helping = true;
    setImmediate(help);
  };
  /** A call's texts from what the calling thread took, the others prepared here now. */
  const finishHere = (call: Call): Prepared[] =>
    call.texts.map(
      (text, i) => call.mine.get(i) ?? (here([text], call.summarySentences)[0] as Prepared),
    );
  const close = (call: Call) => {
    const at = open.indexOf(call);
    if (at >= 0) open.splice(at, 1);
  };
  return {
    async prepare(texts, summarySentences) {
      // A thread stopped when idle is started again.
      if (state === 'ready' && pool.threads.length === 0) state = 'off';
      if (state === 'stopped' || (texts.length < opts.minTexts && state !== 'ready')) {
        return here(texts, summarySentences);
      }
      if (state === 'off') start();
      const claim = new Int32Array(new SharedArrayBuffer(4));
      const call: Call = { texts, summarySentences, claim, mine: new Map(), tookAll: () => {} };
      const allMine = new Promise<undefined>((resolve) => {
        call.tookAll = () => {
          resolve(undefined);
        };
      });
      open.push(call);
      schedule();
      try {
        const answered = pool.run({ texts, summarySentences, claim }) as Promise<Answer>;
        const answer = await Promise.race([answered, allMine]);
        close(call);
        if (answer === undefined) {
          // The calling thread took every text (the thread was starting, or busy with the call
          // before): the thread's answer holds none, and is not waited for.
          answered.catch(fail);
          return finishHere(call);
        }
        // The thread took texts until none was left: the caller's are all in `mine` by now.
        terms = readTerms(terms, answer);
        const out = new Array<Prepared>(texts.length);
        for (const [i, item] of answer.items) {
          out[i] = isPrepareFailure(item) ? item : withText(item, texts[i] as TextInput, terms);
        }
        for (const [i, text] of call.mine) out[i] = text;
        prepared.byThread += answer.items.length;
        return out;
      } catch (err) {
        close(call);
        fail(err);
        return finishHere(call);
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

function withText(item: Item, text: TextInput, terms: TermTable): PreparedText {
  return { ...item, ...terms.text(item), title: text.title, body: text.body };
}
