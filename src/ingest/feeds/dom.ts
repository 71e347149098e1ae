import { parseHTML } from 'linkedom';

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

/** Parses an HTML page or fragment into a light DOM (linkedom; no scripts ever run). */
export function parseHtmlDocument(html: string): DomDocument {
  const page = /<html[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`;
  const window = parseHTML(page) as unknown as { document: DomDocument };
  return window.document;
}
