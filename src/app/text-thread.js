// The entry point of the text thread (see threaded-preparer.ts). Copied as it is into dist/
// by scripts/build.js: there the modules beside it are JavaScript. In a source checkout they
// are TypeScript: the thread then runs dist/'s JavaScript when that build is current (as
// bin/herald.js does; compiling the text modules through tsx cost each new thread about a
// quarter of a second of CPU), else the TypeScript through tsx
// (docs/adr/0028-performance-users-feel.md).
import { existsSync } from 'node:fs';
import { URL } from 'node:url';
import { threadId } from 'node:worker_threads';

const beside = new URL('../text/prepared-text.js', import.meta.url);
const source = new URL('../text/prepared-text.ts', import.meta.url);

async function entry() {
  if (existsSync(beside)) return beside;
  const { builtIsCurrent, ROOT } = await import(
    new URL('../../bin/built.js', import.meta.url).href
  );
  if (builtIsCurrent()) return new URL('dist/src/text/prepared-text.js', ROOT);
  (await import('tsx/esm/api')).register();
  return source;
}

const { prepareTexts } = await import((await entry()).href);

/** This thread's number for each term it has answered: the caller keeps the strings. */
const numbers = new Map();

/**
 * One request: a chunk's texts, and a counter shared with the caller, which prepares texts of
 * the same chunk while it would otherwise wait (threaded-preparer.ts). Each side takes the next
 * text by adding one to the counter, so no text is prepared twice. One answer: the texts this
 * thread took, as [index, prepared text without the title and body the caller holds], their
 * terms as this thread's numbers for them, with the terms numbered for the first time in this
 * answer (numbered from `firstNew` on) and the thread's id.
 * @param {{ texts: { title: string; body: string }[]; summarySentences: number;
 *   claim?: Int32Array }} task
 */
export default function prepare({ texts, summarySentences, claim = new Int32Array(1) }) {
  const answer = { thread: threadId, firstNew: numbers.size, newTerms: [], items: [] };
  for (let i = Atomics.add(claim, 0, 1); i < texts.length; i = Atomics.add(claim, 0, 1)) {
    const [{ title: _t, body: _b, ...rest }] = prepareTexts([texts[i]], summarySentences);
    if (rest.counts !== undefined) {
      // Typed, the counts are kept outside the heaps until read: a chunk's answer waits here
      // and then on the caller, and plain arrays cost both a twentieth of their time copying
      // them from one young generation to the next (ADR 0018). A loop and the constructor:
      // half the time of `Int32Array.from` with a mapping function (12 against 24 us a BBC
      // text).
      const counts = rest.counts;
      const terms = new Int32Array(counts.terms.length);
      for (let k = 0; k < terms.length; k += 1) {
        const term = counts.terms[k];
        let n = numbers.get(term);
        if (n === undefined) {
          n = numbers.size;
          numbers.set(term, n);
          answer.newTerms.push(term);
        }
        terms[k] = n;
      }
      const title = new Int32Array(counts.title);
      const body = new Int32Array(counts.body);
      rest.counts = { ...counts, terms, title, body };
    }
    answer.items.push([i, rest]);
  }
  return answer;
}
