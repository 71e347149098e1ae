/** One item of a feed as the document holds it: raw strings, before cleaning and resolving. */
export interface FeedEntry {
  /** Position in the document (0 = first), for rejection refs. */
  index: number;
  guid?: string;
  /** As written: may be relative. */
  link?: string;
  /** HTML or plain text; always treated as HTML (entities, tags). */
  title?: string;
  /** The fullest HTML body the item carries (content:encoded, Atom content, content_html). */
  html?: string;
  /** Plain text body (JSON Feed content_text). */
  text?: string;
  /** The date as written; parsed later. */
  date?: string;
  imageUrl?: string;
}

export interface FeedDocument {
  format: 'rss' | 'rdf' | 'atom' | 'json';
  title?: string;
  /** The site's URL as the feed gives it (may be relative). */
  siteUrl?: string;
  /** Atom xml:base, when given. */
  base?: string;
  language?: string;
  entries: FeedEntry[];
  /** Things repaired or ignored while parsing (truncation, DOCTYPE removed). */
  warnings: string[];
}

/** Keeps only the defined values, so optional fields stay absent (exactOptionalPropertyTypes). */
export function defined<T extends object>(obj: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(
    Object.entries(obj).filter(([, v]) => v !== undefined && v !== ''),
  ) as T;
}
