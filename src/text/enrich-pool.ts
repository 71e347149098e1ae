import { fileURLToPath } from 'node:url';
import {
  MessageChannel,
  Worker,
  receiveMessageOnPort,
  type MessagePort,
} from 'node:worker_threads';
import {
  LEAD,
  RunState,
  type RunRequest,
  type RunResult,
  type TextInput,
  type WirePrepared,
} from './enrich-worker-main.ts';
import { prepareText, type PreparedText } from './prepared-text.ts';

type Text = TextInput;

/** The open run's state on this thread. */
interface OpenRun {
  /** Its number, on the worker's answers. */
  id: number;
  stories: readonly Text[];
  /** Shared with the worker: see `RunState`. */
  state: Int32Array;
  /** The worker's answers that came before this thread asked for them. */
  answers: Map<number, WirePrepared | undefined>;
  /** Stories this thread prepared while the worker was busy on the one it asked for. */
  mine: Map<number, PreparedText | undefined>;
}

/**
 * Stories the ingest thread goes through in order while the worker prepares them ahead (see
 * enrich-worker-main.ts).
 */
export interface PrepareRun {
  /**
   * Story `index`'s prepared text when the worker prepared it; `undefined` when it did not
   * (it will not now): the caller prepares that one itself. Called with rising indexes.
   * Blocks only while the worker finishes the very story asked for.
   */
  take(index: number): PreparedText | undefined;
  /** The worker stops preparing this run's stories. */
  end(): void;
}

const NO_RUN: PrepareRun = { take: () => undefined, end: () => undefined };

/** Longest wait for the worker to finish one story before preparing it here instead (ms). */
const STORY_WAIT_MS = 2_000;

/**
 * One worker thread that prepares story texts (see prepared-text.ts) while the ingest's own
 * thread stores and indexes the stories before them (`npm run bench`, ADR 0014). Once it
 * failed or was closed, every story is left to the ingest thread.
 */
export class EnrichWorker {
  #worker: Worker | undefined;
  readonly #results: MessagePort;
  #closing = false;
  #failed = false;
  #runs = 0;
  #current: OpenRun | undefined;
  readonly #summarySentences: number;
  readonly #termId: ((term: string) => number) | undefined;
  /** The ingest thread's number of each of the worker's term numbers (-1: none yet). */
  #toOurs = new Int32Array(1024);
  /** The worker's terms by its numbers (those seen so far). */
  readonly #workerTerms: string[] = [];

  /**
   * `code`: the worker's code as one script (see `workerCode`); else it starts through tsx.
   * `termId`: numbers a term on the asking thread (`TermStats.termId`); with it, each prepared
   * text comes with its `termIds`.
   */
  constructor(
    summarySentences: number,
    options: { code?: string | undefined; termId?: (term: string) => number } = {},
  ) {
    this.#summarySentences = summarySentences;
    this.#termId = options.termId;
    // Answers come on a port of their own, read synchronously (`receiveMessageOnPort`): the
    // ingest thread takes them between two stories without giving up its turn.
    const { port1, port2 } = new MessageChannel();
    this.#results = port1;
    const start = { workerData: { results: port2 }, transferList: [port2] };
    const worker =
      options.code === undefined
        ? new Worker(new URL('./enrich-worker.js', import.meta.url), start)
        : new Worker(options.code, { ...start, eval: true });
    worker.unref();
    worker.on('error', () => {
      this.#failed = !this.#closing;
      this.#stop();
    });
    worker.on('exit', () => {
      this.#failed ||= !this.#closing;
      this.#stop();
    });
    this.#worker = worker;
  }

  /** Whether the worker still runs (false once it failed or was closed). */
  get running(): boolean {
    return this.#worker !== undefined;
  }

  /** Whether it stopped on its own (an error, or an exit nobody asked for). */
  get failed(): boolean {
    return this.#failed;
  }

  /**
   * Starts preparing `stories` from just ahead of story `from` (where the ingest thread is).
   * Ends the run before, if one is open.
   */
  run(stories: readonly Text[], from = 0): PrepareRun {
    const worker = this.#worker;
    if (worker === undefined || stories.length === 0) return NO_RUN;
    this.#endCurrent();
    const state = new Int32Array(new SharedArrayBuffer(4 * (RunState.FIRST + stories.length)));
    state[RunState.AT] = from;
    const open: OpenRun = { id: ++this.#runs, stories, state, answers: new Map(), mine: new Map() };
    this.#current = open;
    const request: RunRequest = {
      run: open.id,
      summarySentences: this.#summarySentences,
      stories: stories.map(({ title, body }) => ({ title, body })),
      state,
    };
    worker.ref();
    worker.postMessage(request);
    return {
      // A run that ended, or that another replaced (two ingests at once), leaves its stories
      // to the caller.
      take: (index) => (this.#current === open ? this.#take(open, index) : undefined),
      end: () => {
        if (this.#current !== open) return;
        this.#endCurrent();
        // Idle, the worker does not keep the process alive (a CLI command exits when done).
        this.#worker?.unref();
      },
    };
  }

  /** All of `stories` prepared in the worker (`undefined` where it could not), in order. */
  async prepare(stories: readonly Text[]): Promise<(PreparedText | undefined)[]> {
    // From "before the first": the worker takes them all, none being claimed here.
    const run = this.run(stories, -LEAD);
    const open = this.#current;
    const out: (PreparedText | undefined)[] = [];
    for (let i = 0; i < stories.length && open !== undefined; i += 1) {
      while (!open.answers.has(i) && this.#current === open) {
        if (!this.#drain()) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      if (this.#current !== open) break;
      out.push(this.#answer(open, i));
      // Lets the worker go on past MAX_AHEAD.
      Atomics.store(open.state, RunState.AT, i - LEAD);
      Atomics.notify(open.state, RunState.AT);
    }
    run.end();
    return out;
  }

  #take(open: OpenRun, index: number): PreparedText | undefined {
    const { AT, FIRST, FREE, INGEST, WORKER } = RunState;
    const { state, mine } = open;
    if (mine.has(index)) {
      const text = mine.get(index);
      mine.delete(index);
      return text;
    }
    Atomics.store(state, AT, index);
    Atomics.notify(state, AT);
    const slot = FIRST + index;
    const deadline = performance.now() + STORY_WAIT_MS;
    for (;;) {
      if (open.answers.has(index)) return this.#answer(open, index);
      const claim = Atomics.load(state, slot);
      if (claim === INGEST) return undefined;
      if (claim === FREE && Atomics.compareExchange(state, slot, FREE, INGEST) === FREE) {
        return undefined;
      }
      if (this.#drain()) continue;
      if (!this.running || performance.now() > deadline) {
        // The worker is gone, or stuck on this story: this thread prepares it.
        return undefined;
      }
      if (claim === WORKER) {
        // The worker is on this story: rather than wait, prepare one of the next few here.
        const next = claimNext(state, index, open.stories.length);
        if (next !== undefined) {
          mine.set(next, this.#prepareHere(open.stories[next] as Text));
          continue;
        }
      }
      // Wait for the claim word to move (or, when it says done, for the answer to show).
      Atomics.wait(state, slot, claim, claim === WORKER ? 5 : 0.1);
    }
  }

  /** The worker's answer for story `index` of the open run, taken out of the waiting ones. */
  #answer(open: OpenRun, index: number): PreparedText | undefined {
    const wire = open.answers.get(index);
    open.answers.delete(index);
    return wire === undefined ? undefined : this.#text(open.stories[index] as Text, wire);
  }

  /** Prepares a story on this thread; `undefined` when that throws (the ingest reports it). */
  #prepareHere(story: Text): PreparedText | undefined {
    try {
      return prepareText(story.title, story.body, this.#summarySentences);
    } catch {
      return undefined;
    }
  }

  /** Tells the worker the open run is over (it stops at the story it is on). */
  #endCurrent(): void {
    const state = this.#current?.state;
    this.#current = undefined;
    if (state === undefined) return;
    Atomics.store(state, RunState.STOP, 1);
    Atomics.notify(state, RunState.AT);
  }

  /** Reads every answer that has come; says whether there was one. */
  #drain(): boolean {
    let any = false;
    for (;;) {
      const received = receiveMessageOnPort(this.#results);
      if (received === undefined) return any;
      any = true;
      const answer = received.message as RunResult;
      // Every answer's terms are noted, in order, whichever run it belongs to.
      if (!this.#noteTerms(answer)) return any;
      if (answer.run === this.#current?.id) {
        this.#current.answers.set(answer.index, answer.prepared);
      }
    }
  }

  /**
   * Notes the terms the worker numbered first in this answer. They get this thread's numbers
   * only when a story using them is taken (`#text`), in story order: the numbers come out as
   * without the worker, whichever thread prepared which story (ties between equal weights
   * in the related index go by number).
   */
  #noteTerms(answer: RunResult): boolean {
    if (answer.newFrom !== this.#workerTerms.length) {
      // Cannot happen (answers come in order); were it to, the worker is dropped.
      const worker = this.#worker;
      this.#failed = true;
      this.#stop();
      void worker?.terminate();
      return false;
    }
    const end = answer.newFrom + answer.newTerms.length;
    if (end > this.#toOurs.length) {
      const grown = new Int32Array(Math.max(end, this.#toOurs.length * 2));
      grown.set(this.#toOurs);
      this.#toOurs = grown;
    }
    this.#toOurs.fill(-1, answer.newFrom, end);
    for (const term of answer.newTerms) this.#workerTerms.push(term);
    return true;
  }

  #text(story: Text, wire: WirePrepared): PreparedText {
    const { localIds, counts, ...rest } = wire;
    const terms = new Array<string>(localIds.length);
    for (let j = 0; j < localIds.length; j += 1) {
      terms[j] = this.#workerTerms[localIds[j] as number] as string;
    }
    const text: PreparedText = {
      title: story.title,
      body: story.body,
      ...rest,
      counts: { terms, title: counts.title, body: counts.body },
    };
    const termId = this.#termId;
    if (termId !== undefined) {
      const termIds = new Array<number>(localIds.length);
      for (let j = 0; j < localIds.length; j += 1) {
        const local = localIds[j] as number;
        let ours = this.#toOurs[local] as number;
        if (ours < 0) {
          ours = termId(terms[j] as string);
          this.#toOurs[local] = ours;
        }
        termIds[j] = ours;
      }
      text.termIds = termIds;
    }
    return text;
  }

  async close(): Promise<void> {
    this.#closing = true;
    const worker = this.#worker;
    this.#stop();
    await worker?.terminate();
    this.#results.close();
  }

  /** Stops taking work: every story is left to the ingest thread. */
  #stop(): void {
    this.#worker = undefined;
    this.#endCurrent();
  }
}

/** How many stories after the one it waits for the ingest thread may prepare meanwhile. */
const OWN_AHEAD = 8;

/** Claims for the ingest thread the first free story among the few after `index`. */
function claimNext(state: Int32Array, index: number, count: number): number | undefined {
  const { FIRST, FREE, INGEST } = RunState;
  for (let j = index + 1; j <= Math.min(count - 1, index + OWN_AHEAD); j += 1) {
    if (Atomics.compareExchange(state, FIRST + j, FREE, INGEST) === FREE) return j;
  }
  return undefined;
}

let bundled: Promise<string | undefined> | undefined;

/**
 * The worker's code, bundled once per process by esbuild (in its own process, while this
 * thread goes on): a worker started from it answers in about 20 ms, one that loads the
 * TypeScript sources through tsx in about 160 (ADR 0014). Undefined when bundling fails:
 * the worker then starts through tsx.
 */
export function workerCode(): Promise<string | undefined> {
  bundled ??= (async () => {
    try {
      const { build, stop } = await import('esbuild');
      try {
        const out = await build({
          entryPoints: [fileURLToPath(new URL('./enrich-worker-main.ts', import.meta.url))],
          bundle: true,
          write: false,
          platform: 'node',
          format: 'cjs',
          target: 'node20',
          logLevel: 'silent',
        });
        return out.outputFiles[0]?.text;
      } finally {
        // Its service process is not needed after this one build (about 12 MB resident).
        await stop();
      }
    } catch {
      return undefined;
    }
  })();
  return bundled;
}

/**
 * The worker, started when a large ingest needs it and stopped after `idleMs` without work:
 * a process that ingests a few stories per feed poll never holds a second thread (about 40
 * MB resident). One that failed is not started again: the ingest thread does the work.
 */
export class WorkerOnDemand {
  #worker: EnrichWorker | undefined;
  #starting: Promise<EnrichWorker> | undefined;
  #idle: NodeJS.Timeout | undefined;
  #failed = false;
  readonly #summarySentences: number;
  readonly #idleMs: number;
  readonly #termId: ((term: string) => number) | undefined;

  /** `termId`: see `EnrichWorker`. */
  constructor(summarySentences: number, idleMs = 30_000, termId?: (term: string) => number) {
    this.#summarySentences = summarySentences;
    this.#idleMs = idleMs;
    this.#termId = termId;
  }

  /** Whether a worker thread is running now. */
  get running(): boolean {
    return this.#worker?.running === true;
  }

  /**
   * A run over `stories` (see `PrepareRun`), once the worker thread exists: a worker that is
   * not running is started first (its code bundled the first time, about 25 ms); it boots
   * while the caller goes on, and takes stories from where the caller is by then.
   */
  async run(stories: readonly Text[]): Promise<PrepareRun> {
    if (this.#failed || stories.length === 0) return NO_RUN;
    clearTimeout(this.#idle);
    let worker: EnrichWorker;
    try {
      worker = await this.#start();
    } catch {
      // The thread could not be started: this ingest, and the next ones, run on one thread.
      this.#failed = true;
      return NO_RUN;
    }
    const run = worker.run(stories);
    return {
      take: (index) => run.take(index),
      end: () => {
        run.end();
        this.#settle();
      },
    };
  }

  /** Starts the thread now, ahead of a run (a start that fails is noted by `run`). */
  warmUp(): void {
    if (this.#failed) return;
    clearTimeout(this.#idle);
    this.#start().catch(() => undefined);
    this.#armIdle();
  }

  async prepare(stories: readonly Text[]): Promise<(PreparedText | undefined)[]> {
    if (this.#failed || stories.length === 0) return [];
    clearTimeout(this.#idle);
    const worker = await this.#start();
    const prepared = await worker.prepare(stories);
    this.#settle();
    return prepared;
  }

  /** After a run: notes a worker that failed, and stops an idle one later. */
  #settle(): void {
    const worker = this.#worker;
    if (worker?.failed === true) this.#failed = true;
    if (worker !== undefined && !worker.running) this.#worker = undefined;
    this.#armIdle();
  }

  /** The running worker, started (once) from the bundled code when there is none. */
  #start(): Promise<EnrichWorker> {
    const running = this.#worker;
    if (running?.running === true) return Promise.resolve(running);
    this.#starting ??= workerCode().then((code) => {
      this.#starting = undefined;
      const worker = new EnrichWorker(this.#summarySentences, {
        code,
        ...(this.#termId === undefined ? {} : { termId: this.#termId }),
      });
      this.#worker = worker;
      return worker;
    });
    return this.#starting;
  }

  #armIdle(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => void this.close(), this.#idleMs);
    this.#idle.unref();
  }

  async close(): Promise<void> {
    clearTimeout(this.#idle);
    const starting = this.#starting;
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.close();
    if (starting !== undefined) {
      const started = await starting;
      // Read again: the field may have changed while this waited.
      if (Object.is(this.#worker, started)) this.#worker = undefined;
      await started.close();
    }
  }
}
