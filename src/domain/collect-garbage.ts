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

/**
 * For one burst: call with how many stories were just done; every `STORIES_PER_LOOK` of them
 * it looks at the heap, and collects when it holds more than `heapLimit` of what the last
 * collection (or the start) kept.
 */
export function garbageSchedule(every = STORIES_PER_LOOK): (done: number) => void {
  let since = 0;
  let kept = getHeapStatistics().used_heap_size;
  return (done) => {
    since += done;
    if (since < every) return;
    since = 0;
    const used = getHeapStatistics().used_heap_size;
    if (used < heapLimit(kept)) {
      // V8 collected on its own since: what it kept is the new base.
      kept = Math.min(kept, used);
      return;
    }
    collectGarbage();
    kept = getHeapStatistics().used_heap_size;
  };
}
