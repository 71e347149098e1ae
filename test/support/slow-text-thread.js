// A text thread that takes a minute to start (its module waits before it is ready): see
// test/unit/text-thread.test.ts.
import { setTimeout } from 'node:timers';

await new Promise((resolve) => setTimeout(resolve, 60_000));

export default function prepare() {
  return { thread: 0, firstNew: 0, newTerms: [], items: [] };
}
