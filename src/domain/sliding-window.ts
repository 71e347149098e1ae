/**
 * An exact sliding-window log: the times of the grants still inside the window. A grant is
 * allowed when fewer than `limit` grants fall in (now - windowMs, now].
 */
export class SlidingWindow {
  private readonly times: number[] = [];

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** A window holding the (sorted) grant times `times`. */
  static of(limit: number, windowMs: number, times: readonly number[]): SlidingWindow {
    const w = new SlidingWindow(limit, windowMs);
    w.times.push(...[...times].sort((a, b) => a - b));
    return w;
  }

  /** The latest `limit` grant times, oldest first (what a store keeps). */
  recent(): number[] {
    return this.times.slice(-this.limit);
  }

  /** Milliseconds until one more grant fits (0 when it fits now). */
  delay(now: number): number {
    this.prune(now);
    if (this.times.length < this.limit) return 0;
    const oldest = this.times[this.times.length - this.limit] ?? now;
    return Math.max(0, oldest + this.windowMs - now);
  }

  record(now: number): void {
    this.times.push(now);
  }

  /**
   * Moves one grant made at `from` to the later time `to` (the send finished then): it leaves
   * the window one window after `to`. Keeps the log sorted; no-op when `from` is gone.
   */
  move(from: number, to: number): void {
    const i = this.times.lastIndexOf(from);
    if (i < 0 || to <= from) return;
    let j = i;
    while (j + 1 < this.times.length && (this.times[j + 1] ?? to) <= to) j += 1;
    this.times.copyWithin(i, i + 1, j + 1);
    this.times[j] = to;
  }

  /** True when no grant is left in the window (the key can be forgotten). */
  idle(now: number): boolean {
    this.prune(now);
    return this.times.length === 0;
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] ?? now) <= now - this.windowMs) drop += 1;
    if (drop > 0) this.times.splice(0, drop);
  }
}

/**
 * One rate window as a store keeps it (SQLite here; PostgreSQL's herald_rate_grant applies the
 * same rule in SQL, migration 5). A window of up to LOG_LIMIT sends keeps their exact times (the
 * sliding log above); a larger one keeps only the earliest next send (even spacing, to the
 * millisecond), so a grant never reads or writes thousands of times.
 */
export interface StoredWindow {
  times: number[];
  nextAt: number;
}

export const LOG_LIMIT = 256;

/** Milliseconds until one more send fits `w` (0 when it fits now). */
export function storedWindowWait(w: StoredWindow, limit: number, windowMs: number, now: number) {
  if (limit > LOG_LIMIT) return Math.max(0, Math.floor(w.nextAt - now));
  return SlidingWindow.of(limit, windowMs, w.times).delay(now);
}

/** `w` with one send recorded at `now` (the times still in the window, at most `limit`). */
export function storedWindowRecord(
  w: StoredWindow,
  limit: number,
  windowMs: number,
  now: number,
): StoredWindow {
  if (limit > LOG_LIMIT) return { times: [], nextAt: Math.max(w.nextAt, now) + windowMs / limit };
  const log = SlidingWindow.of(limit, windowMs, w.times);
  log.delay(now);
  log.record(now);
  return { times: log.recent(), nextAt: w.nextAt };
}
