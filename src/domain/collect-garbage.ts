import { setFlagsFromString } from 'node:v8';
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

/** Stories between two such collections: each costs about 12 ms at 100,000 stories. */
export const STORIES_PER_COLLECTION = 2_000;

/**
 * For one burst: call with how many stories were just done; collects after every
 * `STORIES_PER_COLLECTION` of them.
 */
export function garbageSchedule(every = STORIES_PER_COLLECTION): (done: number) => void {
  let since = 0;
  return (done) => {
    since += done;
    if (since < every) return;
    since = 0;
    collectGarbage();
  };
}
