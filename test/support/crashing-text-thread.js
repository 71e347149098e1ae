// A text thread that starts, then crashes on its first texts (an error nobody catches): see
// test/unit/text-thread.test.ts.
import { setImmediate } from 'node:timers';

export default function prepare({ texts }) {
  if (texts.length === 0) return [];
  setImmediate(() => {
    throw new Error('text thread crashed');
  });
  return new Promise(() => undefined);
}
