// The entry point of the text thread (see threaded-preparer.ts). Copied as it is into dist/
// by scripts/build.js: there the modules beside it are JavaScript; in a source checkout they
// are TypeScript, run through tsx (docs/adr/0028-performance-users-feel.md).
import { existsSync } from 'node:fs';
import { URL } from 'node:url';

const compiled = new URL('../text/prepared-text.js', import.meta.url);
const built = existsSync(compiled);
if (!built) (await import('tsx/esm/api')).register();
const source = new URL('../text/prepared-text.ts', import.meta.url);
const { prepareTexts } = await import((built ? compiled : source).href);

/**
 * One request: a chunk's texts; one answer: their prepared texts, without the titles and
 * bodies the caller holds.
 * @param {{ texts: { title: string; body: string }[]; summarySentences: number }} task
 */
export default function prepare({ texts, summarySentences }) {
  return prepareTexts(texts, summarySentences).map(({ title: _t, body: _b, ...rest }) => rest);
}
