import { ELEMENT_NODE, TEXT_NODE, parseHtmlDocument, type DomNode } from './dom.ts';

/** Elements whose content is never text for a reader. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'head',
  'button',
  'select',
  'textarea',
  'form',
]);

/** Elements that start a new paragraph. */
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'table',
  'thead',
  'tbody',
  'tr',
  'td',
  'th',
  'figure',
  'figcaption',
  'address',
  'hr',
  'details',
  'summary',
  'body',
]);

const BREAK = '\u2029';

/**
 * An HTML fragment (or page) as raw text paragraphs: scripts and styles dropped, entities
 * decoded, block elements and double line breaks separate paragraphs, whitespace collapsed.
 */
export function htmlToParagraphs(html: string): string[] {
  const doc = parseHtmlDocument(html);
  const parts: string[] = [];
  walk(doc.body ?? doc, parts);
  return parts
    .join('')
    .replace(/\n\s*\n/g, BREAK)
    .split(BREAK)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}

/** Text that must fit on one line (a title): the paragraphs joined by a space. */
export function htmlToLine(html: string): string {
  return htmlToParagraphs(html).join(' ');
}

function walk(node: DomNode, out: string[]): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT_NODE) out.push(child.textContent ?? '');
    if (child.nodeType !== ELEMENT_NODE) continue;
    const name = child.localName ?? '';
    if (SKIPPED.has(name)) continue;
    if (name === 'br') {
      out.push('\n');
      continue;
    }
    const block = BLOCKS.has(name);
    if (block) out.push(BREAK);
    walk(child, out);
    if (block) out.push(BREAK);
  }
}
