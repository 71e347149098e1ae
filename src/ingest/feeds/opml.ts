import type { parseOpml } from 'feedsmith';
import { loadFeedsmith } from './lazy-libs.ts';
import type { FeedSource } from './sources.ts';
import { stripDoctype } from './xml-repair.ts';

type OpmlDoc = ReturnType<typeof parseOpml>;
type Outline = NonNullable<NonNullable<OpmlDoc['body']>['outlines']>[number];

export type OpmlImport = { ok: true; sources: FeedSource[] } | { ok: false; reason: string };

/** The feeds of an OPML file; a folder's name becomes a topic of the feeds inside it. */
export function feedsFromOpml(xml: string): OpmlImport {
  let doc: OpmlDoc;
  try {
    doc = loadFeedsmith().parseOpml(stripDoctype(xml));
  } catch (err) {
    return { ok: false, reason: `not an OPML file (${(err as Error).message})` };
  }
  const sources: FeedSource[] = [];
  collect(doc.body?.outlines ?? [], [], sources);
  return { ok: true, sources };
}

function collect(outlines: Outline[], folders: string[], out: FeedSource[]): void {
  for (const outline of outlines) {
    const url = outline.xmlUrl;
    if (url !== undefined && /^https?:\/\//i.test(url)) {
      out.push(toSource(outline, url, folders));
    }
    const folder = outline.text ?? outline.title;
    const inner = folder === undefined || url !== undefined ? folders : [...folders, folder];
    collect(outline.outlines ?? [], inner, out);
  }
}

function toSource(outline: Outline, url: string, folders: string[]): FeedSource {
  const categories = (outline.category ?? '').split(/[,/]/);
  const topics = [...folders, ...categories]
    .map((t) => t.trim().toLowerCase())
    .filter((t, i, all) => t !== '' && all.indexOf(t) === i);
  const name = outline.title ?? outline.text;
  return { url, topics, fullText: false, ...(name === undefined || name === '' ? {} : { name }) };
}

/** The feeds as an OPML 2.0 document (topics go to the `category` attribute). */
export function feedsToOpml(sources: FeedSource[], now: Date): string {
  return loadFeedsmith().generateOpml({
    head: { title: 'Herald feeds', dateCreated: now },
    body: {
      outlines: sources.map((s) => ({
        text: s.name ?? s.url,
        type: 'rss',
        xmlUrl: s.url,
        ...(s.name === undefined ? {} : { title: s.name }),
        ...(s.topics.length === 0 ? {} : { category: s.topics.join(',') }),
      })),
    },
  });
}
