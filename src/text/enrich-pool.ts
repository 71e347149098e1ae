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
  readonly #pending = new Map<number, (prepared: (PreparedText | undefined)[]) => void>();
  readonly #summarySentences: number;

  constructor(summarySentences: number) {
    this.#summarySentences = summarySentences;
    const worker = new Worker(new URL('./enrich-worker.js', import.meta.url));
    worker.unref();
    worker.on('message', (response: PrepareResponse) => {
      const resolve = this.#pending.get(response.id);
      this.#pending.delete(response.id);
      resolve?.(response.prepared);
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
      this.#pending.set(id, (prepared) => {
        // Idle, the worker does not keep the process alive (a CLI command exits when done).
        if (this.#pending.size === 0) this.#worker?.unref();
        resolve(prepared);
      });
      worker.ref();
      worker.postMessage(request);
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
    for (const resolve of this.#pending.values()) resolve([]);
    this.#pending.clear();
  }
}

/**
 * The worker, started when a large ingest needs it and stopped after `idleMs` without work:
 * a process that ingests a few stories per feed poll never holds a second thread (about 40
 * MB resident). One that failed is not started again: the ingest thread does the work.
 */
export class WorkerOnDemand {
  #worker: EnrichWorker | undefined;
  #idle: NodeJS.Timeout | undefined;
  #failed = false;
  readonly #summarySentences: number;
  readonly #idleMs: number;

  constructor(summarySentences: number, idleMs = 30_000) {
    this.#summarySentences = summarySentences;
    this.#idleMs = idleMs;
  }

  /** Whether a worker thread is running now. */
  get running(): boolean {
    return this.#worker?.running === true;
  }

  /** Starts the thread now if it is not running; says whether it was running already. */
  warmUp(): boolean {
    if (this.#failed) return false;
    const warm = this.running;
    clearTimeout(this.#idle);
    this.#worker ??= new EnrichWorker(this.#summarySentences);
    this.#armIdle();
    return warm;
  }

  async prepare(
    stories: readonly { title: string; body: string }[],
  ): Promise<(PreparedText | undefined)[]> {
    if (this.#failed || stories.length === 0) return [];
    clearTimeout(this.#idle);
    const worker = (this.#worker ??= new EnrichWorker(this.#summarySentences));
    const prepared = await worker.prepare(stories);
    if (worker.failed) this.#failed = true;
    if (!worker.running && this.#worker === worker) this.#worker = undefined;
    this.#armIdle();
    return prepared;
  }

  #armIdle(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => void this.close(), this.#idleMs);
    this.#idle.unref();
  }

  async close(): Promise<void> {
    clearTimeout(this.#idle);
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.close();
  }
}
