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
