/**
 * How many stories of the next chunk the ingest hands to the text worker; it prepares the
 * rest itself while processing them. Started at the whole chunk, then set after each chunk
 * from what happened: when the ingest thread had to wait for the worker, the worker's share
 * shrinks in proportion (it took `work + waited` for what the thread did in `work`); when it
 * did not wait, the share grows by a step. The two threads so end up busy alike, whichever
 * is faster on these stories (a worker that has just started, long articles, a busy core).
 */
export class WorkerShare {
  static readonly MIN = 10;
  static readonly STEP = 10;
  /**
   * A wait shorter than this (ms), or than NOISE_SHARE of the work, is noise, not a sign of a
   * slow worker: taking the worker's answer (its message, then its texts) takes a millisecond
   * or two even when it finished early, and a share shrunk by such waits would drift down.
   */
  static readonly NOISE_MS = 1;
  static readonly NOISE_SHARE = 0.03;
  #share: number;
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
    this.#share = max;
  }

  get share(): number {
    return this.#share;
  }

  /**
   * `waitedMs`: how long the ingest thread waited for the worker's part of a chunk;
   * `workMs`: how long it was busy with the chunk before, while the worker prepared that part.
   */
  update(waitedMs: number, workMs: number): void {
    const noise = Math.max(WorkerShare.NOISE_MS, WorkerShare.NOISE_SHARE * workMs);
    if (waitedMs > noise && workMs > 0) {
      const scaled = Math.floor((this.#share * workMs) / (workMs + waitedMs));
      this.#share = Math.max(Math.min(WorkerShare.MIN, this.#max), scaled);
    } else {
      this.#share = Math.min(this.#max, this.#share + WorkerShare.STEP);
    }
  }
}
