import { hash } from 'node:crypto';

const TRACKING_PARAM = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref|ref_src|igshid|cmpid)$/i;

/**
 * The canonical form of a story URL: what two links to the same article have in common.
 * Lowercases scheme and host, drops the fragment, default ports, tracking parameters and a
 * trailing slash, and sorts the remaining query parameters. Returns undefined for a string
 * that is not an http(s) URL.
 */
export function canonicalUrl(raw: string): string | undefined {
  // An ingest asks twice per story (its id, then its draft): the last few answers are kept.
  if (recent.has(raw)) return recent.get(raw);
  const canonical = canonicalOf(raw);
  if (recent.size >= RECENT) recent.clear();
  recent.set(raw, canonical);
  return canonical;
}

const RECENT = 2_000;
const recent = new Map<string, string | undefined>();

function canonicalOf(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.hash = '';
  const kept = [...url.searchParams].filter(([key]) => !TRACKING_PARAM.test(key));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  url.search = new URLSearchParams(kept).toString();
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
    url.pathname = url.pathname.replace(/\/+$/, '');
  }
  return url.toString();
}

/** A short, stable id: 12 hex digits of sha256 over a namespaced key. */
function shortHash(key: string): string {
  return hash('sha256', key, 'hex').slice(0, 12);
}

/** The id of a story that has a URL: the same for every link to the same article. */
export function storyIdFromUrl(url: string): string {
  return shortHash(`url:${canonicalUrl(url) ?? url}`);
}

/** The id of a content file without a URL: its path relative to the content folder. */
export function storyIdFromPath(relativePath: string): string {
  return shortHash(`content:${relativePath.split('\\').join('/')}`);
}

/** sha256 over the normalised title and body: equal for texts that differ only in spacing. */
export function contentHash(title: string, body: string): string {
  // As `.replace(/\s+/g, ' ')`, without visiting the single spaces that stay as they are.
  const norm = (s: string) =>
    s
      .normalize('NFC')
      .replace(/\s{2,}|(?! )\s/g, ' ')
      .trim();
  // One-shot hashing (Node 20.12+): no Hash object per story.
  return hash('sha256', `${norm(title)}\n${norm(body)}`, 'hex');
}
