import { loadLinkedom } from './lazy-libs.ts';

/** The slice of the DOM Herald walks (linkedom's nodes; no DOM lib types in this project). */
export interface DomNode {
  readonly nodeType: number;
  readonly localName?: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}

export interface DomDocument extends DomNode {
  readonly body: DomNode | null;
  readonly title: string;
  querySelectorAll(selector: string): ArrayLike<DomNode & { remove(): void }>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

/** Blink's HTML parser stops nesting at 512 levels; past it, linkedom's work grows superlinearly. */
export const MAX_HTML_DEPTH = 512;
const VOID = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
);

/** How deep the elements of `html` nest (counted on its tags alone), up to `stopAt`. */
export function htmlDepth(html: string, stopAt = MAX_HTML_DEPTH + 1): number {
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(/<(\/?)([a-z][\w:-]*)[^<>]*?(\/?)>/gi)) {
    if (m[3] === '/' || VOID.has((m[2] ?? '').toLowerCase())) continue;
    depth = m[1] === '/' ? Math.max(0, depth - 1) : depth + 1;
    max = Math.max(max, depth);
    if (max >= stopAt) break;
  }
  return max;
}

/** HTML nested too deep to parse in bounded time, as its text: each tag becomes a line break. */
const flatten = (html: string) => html.replace(/<[^<>]*>/g, '\n');

/**
 * Parses an HTML page or fragment into a light DOM (linkedom; no scripts ever run). HTML that
 * nests deeper than MAX_HTML_DEPTH (100,000 <div>s took linkedom minutes) is parsed as its
 * text with the tags removed.
 */
export function parseHtmlDocument(raw: string): DomDocument {
  const html = htmlDepth(raw) > MAX_HTML_DEPTH ? flatten(raw) : raw;
  const page = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`;
  const window = loadLinkedom().parseHTML(page) as unknown as { document: DomDocument };
  return window.document;
}
