import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;

/**
 * A full garbage collection (V8's `gc`, exposed for this process on first use). For long
 * allocation bursts only (the index build at start, a large ingest): V8 lets their garbage
 * reach several times the live heap before collecting it, which sets the peak RSS.
 */
export function collectGarbage(): void {
  if (gc === undefined) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

/** Stories between two looks at the heap (a look costs about a microsecond). */
export const STORIES_PER_LOOK = 500;

/**
 * The heap a burst may reach before it is collected: half again what the last collection
 * kept, and 32 MB. A collection every 2,000 stories whatever the heap held cost the 10,000-story
 * generated ingest 8% of its speed (its heap stayed under 90 MB); this collects as rarely as
 * V8 would there, and where the garbage outgrows the live heap (a first poll of many feeds)
 * about as often as before (ADR 0028).
 */
export function heapLimit(kept: number): number {
  return kept * 1.5 + 32 * 1024 * 1024;
}

export interface GarbageScheduleOptions {
  /** Stories between two looks at the heap. */
  every: number;
  /** The heap (bytes) past which it collects, from what the last collection kept. */
  limit: (kept: number) => number;
  heapUsed: () => number;
  collect: () => void;
}

/**
 * For one burst: call with how many stories were just done; every `every` of them it looks
 * at the heap, and collects when it holds more than `limit` of what the last collection (or
 * the start, or V8's own collections since) kept.
 */
export function garbageSchedule(
  options: Partial<GarbageScheduleOptions> = {},
): (done: number) => void {
  const {
    every = STORIES_PER_LOOK,
    limit = heapLimit,
    heapUsed = () => getHeapStatistics().used_heap_size,
    collect = collectGarbage,
  } = options;
  let since = 0;
  let kept = heapUsed();
  return (done) => {
    since += done;
    if (since < every) return;
    since = 0;
    const used = heapUsed();
    if (used < limit(kept)) {
      kept = Math.min(kept, used);
      return;
    }
    collect();
    kept = heapUsed();
  };
}
