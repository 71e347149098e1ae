// The entry point of the text thread (see threaded-preparer.ts): the sources are TypeScript,
// run through tsx as everywhere (docs/adr/0001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api';

register();
const { prepareTexts } = await import('../text/prepared-text.ts');

/**
 * One request: a chunk's texts; one answer: their prepared texts, without the titles and
 * bodies the caller holds.
 * @param {{ texts: { title: string; body: string }[]; summarySentences: number }} task
 */
export default function prepare({ texts, summarySentences }) {
  return prepareTexts(texts, summarySentences).map(({ title: _t, body: _b, ...rest }) => rest);
}
