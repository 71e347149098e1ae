// The entry point of the text thread (see threaded-preparer.ts). Copied as it is into dist/
// by scripts/build.js: there the modules beside it are JavaScript. In a source checkout they
// are TypeScript: the thread then runs dist/'s JavaScript when that build is current (as
// bin/herald.js does; compiling the text modules through tsx cost each new thread about a
// quarter of a second of CPU), else the TypeScript through tsx
// (docs/adr/0028-performance-users-feel.md).
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

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

/**
 * One request: a chunk's texts; one answer: their prepared texts, without the titles and
 * bodies the caller holds.
 * @param {{ texts: { title: string; body: string }[]; summarySentences: number }} task
 */
export default function prepare({ texts, summarySentences }) {
  return prepareTexts(texts, summarySentences).map(({ title: _t, body: _b, ...rest }) => rest);
}
