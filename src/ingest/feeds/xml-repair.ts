/**
 * Defences and repairs applied to an XML feed before the parser sees it.
 * - The DOCTYPE (with any internal subset) is removed, so no declared or external entity
 *   can ever expand (billion laughs, XXE): only the five predefined and numeric ones remain.
 * - A truncated document is cut after its last complete item and its open elements closed,
 *   so the complete items are kept and the cut one is dropped.
 */
export interface Prepared {
  xml: string;
  warnings: string[];
  /** The name of the root element as written (e.g. "rss", "rdf:RDF"), when there is one. */
  root?: string;
  /** Set when the document was truncated and nothing complete could be kept. */
  error?: string;
}

const DOCTYPE_START = /<!DOCTYPE\s/i;
/** One whole DOCTYPE, matched only where one starts (sticky), never searched for. */
const DOCTYPE = /<!DOCTYPE\s[^[>]*(\[[\s\S]*?\]\s*)?>/iy;
const ITEM_END = /<\/(?:[\w.-]+:)?(?:item|entry)\s*>/gi;

/**
 * The XML without its DOCTYPEs (and so without any entity declarations); undefined when one
 * is never closed. Each DOCTYPE is matched once where it starts: searching for the pattern
 * tried every "<!DOCTYPE" of a flood against the rest of the text (quadratic).
 */
function withoutDoctypes(xml: string): { xml: string; removed: number } | undefined {
  let text = xml;
  let removed = 0;
  for (let at = text.search(DOCTYPE_START); at >= 0; at = text.search(DOCTYPE_START)) {
    DOCTYPE.lastIndex = at;
    const match = DOCTYPE.exec(text);
    if (match === null) return undefined;
    text = text.slice(0, at) + text.slice(at + match[0].length);
    removed += 1;
  }
  return { xml: text, removed };
}

/** The XML without its DOCTYPE (and so without any entity declarations). */
export function stripDoctype(xml: string): string {
  return withoutDoctypes(xml)?.xml ?? xml;
}

export function prepareXml(xml: string): Prepared {
  const warnings: string[] = [];
  const stripped = withoutDoctypes(xml);
  if (stripped === undefined) {
    return { xml, warnings, error: 'not a usable feed: its DOCTYPE is never closed' };
  }
  const text = stripped.xml;
  if (stripped.removed > 0) {
    warnings.push('removed the DOCTYPE: declared and external entities are never expanded');
  }
  const elements = stripNonElements(text);
  const root = /<([\w.:-]+)/.exec(elements)?.[1];
  if (root === undefined) return { xml: text, warnings };
  if (endsWithClose(elements, root)) return { xml: text, warnings, root };
  return { ...repairTruncated(text, root, warnings), root };
}

/** Whether the elements end with the root's end tag, or are one self-closed root element. */
function endsWithClose(elements: string, root: string): boolean {
  const name = escapeRe(root);
  return new RegExp(`(</${name}\\s*>|^\\s*<${name}(\\s[^<>]*)?/>)\\s*$`).test(elements);
}

function repairTruncated(xml: string, root: string, warnings: string[]): Prepared {
  const ends = [...xml.matchAll(ITEM_END)];
  const last = ends.at(-1);
  if (last === undefined) {
    return {
      xml,
      warnings,
      error: `the feed is truncated (it ends before </${root}>) and holds no complete item`,
    };
  }
  const kept = xml.slice(0, last.index + last[0].length);
  const repaired =
    kept +
    openElements(kept)
      .reverse()
      .map((n) => `</${n}>`)
      .join('');
  warnings.push(
    `the feed is truncated (it ends before </${root}>): kept its ${ends.length} complete items, dropped the cut one`,
  );
  return { xml: repaired, warnings };
}

/** Names of the elements still open at the end of an XML prefix, outermost first. */
function openElements(prefix: string): string[] {
  const stack: string[] = [];
  // [^<>]: a tag never holds "<"; with [^>] an unclosed "<a<a<a…" was quadratic.
  for (const m of stripNonElements(prefix).matchAll(/<(\/?)([\w.:-]+)[^<>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (name === undefined || selfClosing === '/') continue;
    if (closing === '/') {
      const at = stack.lastIndexOf(name);
      if (at >= 0) stack.length = at;
    } else stack.push(name);
  }
  return stack;
}

/** The text with CDATA sections, comments, processing instructions and DOCTYPE removed. */
function stripNonElements(xml: string): string {
  return xml
    .replace(/<!\[CDATA\[[\s\S]*?(\]\]>|$)/g, '')
    .replace(/<!--[\s\S]*?(-->|$)/g, '')
    .replace(/<\?[\s\S]*?(\?>|$)/g, '')
    .replace(/<![^>]*(?:>|$)/g, '');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
