import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PrepareRequest, PrepareResponse } from './enrich-worker-main.ts';
import type { PreparedText } from './prepared-text.ts';

/**
 * One worker thread that prepares story texts (see prepared-text.ts) while the ingest's own
 * thread stores and indexes the stories before them (`npm run bench`, ADR 0014). Once it
 * failed or was closed, `prepare` resolves to no results and the ingest does the work on its
 * own thread.
 */
export class EnrichWorker {
  #worker: Worker | undefined;
  #closing = false;
  #failed = false;
  #nextId = 1;
  readonly #pending = new Map<number, (response: PrepareResponse | undefined) => void>();
  readonly #summarySentences: number;
  readonly #termId: ((term: string) => number) | undefined;
  /** The ingest thread's number of each of the worker's term numbers seen so far. */
  #toOurs = new Int32Array(1024);
  #numbered = 0;

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
    const worker =
      options.code === undefined
        ? new Worker(new URL('./enrich-worker.js', import.meta.url))
        : new Worker(options.code, { eval: true });
    worker.unref();
    worker.on('message', (response: PrepareResponse) => {
      // Answers come in the order asked: each one's new terms follow the last one's.
      this.#number(response);
      const resolve = this.#pending.get(response.id);
      this.#pending.delete(response.id);
      resolve?.(response);
    });
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

  /** The prepared texts, in order; `undefined` for a story the worker could not prepare. */
  prepare(
    stories: readonly { title: string; body: string }[],
  ): Promise<(PreparedText | undefined)[]> {
    const worker = this.#worker;
    if (worker === undefined || stories.length === 0) return Promise.resolve([]);
    const id = this.#nextId++;
    const request: PrepareRequest = {
      id,
      summarySentences: this.#summarySentences,
      stories: stories.map(({ title, body }) => ({ title, body })),
    };
    return new Promise((resolve) => {
      this.#pending.set(id, (response) => {
        // Idle, the worker does not keep the process alive (a CLI command exits when done).
        if (this.#pending.size === 0) this.#worker?.unref();
        resolve(response === undefined ? [] : this.#texts(stories, response));
      });
      worker.ref();
      worker.postMessage(request);
    });
  }

  /** Maps the worker's new term numbers to the asking thread's, once per term. */
  #number(response: PrepareResponse): void {
    const termId = this.#termId;
    if (termId === undefined) return;
    if (response.newFrom !== this.#numbered) {
      // Cannot happen (answers come in order); were it to, the ingest numbers the terms itself.
      this.#numbered = -1;
      return;
    }
    const end = this.#numbered + response.newTerms.length;
    if (end > this.#toOurs.length) {
      const grown = new Int32Array(Math.max(end, this.#toOurs.length * 2));
      grown.set(this.#toOurs);
      this.#toOurs = grown;
    }
    for (const term of response.newTerms) this.#toOurs[this.#numbered++] = termId(term);
  }

  #texts(
    stories: readonly { title: string; body: string }[],
    response: PrepareResponse,
  ): (PreparedText | undefined)[] {
    const numbered = this.#termId !== undefined && this.#numbered >= 0;
    return response.prepared.map((wire, i) => {
      const story = stories[i];
      if (wire === undefined || story === undefined) return undefined;
      const { localIds, ...rest } = wire;
      const text: PreparedText = { title: story.title, body: story.body, ...rest };
      if (numbered) {
        const termIds = new Array<number>(localIds.length);
        for (let j = 0; j < localIds.length; j += 1) {
          termIds[j] = this.#toOurs[localIds[j] as number] as number;
        }
        text.termIds = termIds;
      }
      return text;
    });
  }

  async close(): Promise<void> {
    this.#closing = true;
    const worker = this.#worker;
    this.#stop();
    await worker?.terminate();
  }

  /** Stops taking work; whoever waits gets no results (and prepares on its own thread). */
  #stop(): void {
    this.#worker = undefined;
    for (const resolve of this.#pending.values()) resolve(undefined);
    this.#pending.clear();
  }
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
      const { build } = await import('esbuild');
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

  /** Starts the thread now if it is not running; says whether it was running already. */
  warmUp(): boolean {
    if (this.#failed) return false;
    const warm = this.running;
    void this.#start();
    this.#armIdle();
    return warm;
  }

  async prepare(
    stories: readonly { title: string; body: string }[],
  ): Promise<(PreparedText | undefined)[]> {
    if (this.#failed || stories.length === 0) return [];
    clearTimeout(this.#idle);
    const worker = await this.#start();
    const prepared = await worker.prepare(stories);
    if (worker.failed) this.#failed = true;
    if (!worker.running && this.#worker === worker) this.#worker = undefined;
    this.#armIdle();
    return prepared;
  }

  /** The running worker, started (once) from the bundled code when there is none. */
  #start(): Promise<EnrichWorker> {
    const running = this.#worker;
    if (running !== undefined) return Promise.resolve(running);
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
