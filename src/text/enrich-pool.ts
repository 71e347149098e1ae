import { Worker } from 'node:worker_threads';
import type { PrepareRequest, PrepareResponse } from './enrich-worker-main.ts';
import type { PreparedText } from './prepared-text.ts';

/**
 * One worker thread that prepares story texts (see prepared-text.ts) while the ingest's own
 * thread stores and indexes the stories before them: on two cores that nearly halves the
 * ingest's time (`npm run bench`, ADR 0014). A worker that fails or exits is not replaced:
 * `prepare` then resolves to no results and the ingest does the work on its own thread.
 */
export class EnrichWorker {
  #worker: Worker | undefined;
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
      this.#stop();
    });
    worker.on('exit', () => {
      this.#stop();
    });
    this.#worker = worker;
  }

  /** Whether the worker still runs (false once it failed or was closed). */
  get running(): boolean {
    return this.#worker !== undefined;
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
