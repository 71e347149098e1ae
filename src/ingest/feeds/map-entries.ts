import type { AtomFeed, JsonFeed, RdfFeed, RssFeed } from 'feedsmith';
import { defined, type FeedDocument, type FeedEntry } from './feed-entry.ts';

type Rss = RssFeed.Feed<string>;
type RssItem = NonNullable<Rss['items']>[number];
type Atom = AtomFeed.Feed<string>;
type AtomEntry = NonNullable<Atom['entries']>[number];
type Rdf = RdfFeed.Feed<string>;
type RdfItem = NonNullable<Rdf['items']>[number];
type Json = JsonFeed.Feed<string>;
type JsonItem = NonNullable<Json['items']>[number];

type Shell = Omit<FeedDocument, 'entries' | 'warnings'>;

export function fromRss(feed: Rss): Shell & { entries: FeedEntry[] } {
  return {
    ...defined<Shell>({
      format: 'rss',
      title: feed.title,
      siteUrl: feed.link,
      language: feed.language,
    }),
    entries: (feed.items ?? []).map(rssEntry),
  };
}

function rssEntry(item: RssItem, index: number): FeedEntry {
  const image =
    item.media?.contents?.find((c) => isImage(c.medium, c.type))?.url ??
    item.media?.thumbnails?.[0]?.url ??
    item.enclosures?.find((e) => isImage(undefined, e.type))?.url;
  return defined<FeedEntry>({
    index,
    guid: item.guid?.value,
    link: item.link ?? (item.guid?.isPermaLink === false ? undefined : permalink(item.guid?.value)),
    title: item.title,
    html: item.content?.encoded ?? item.description,
    date: dateText(item.pubDate ?? item.dc?.dates?.[0]),
    imageUrl: image,
  });
}

export function fromRdf(feed: Rdf): Shell & { entries: FeedEntry[] } {
  return {
    ...defined<Shell>({ format: 'rdf', title: feed.title, siteUrl: feed.link }),
    entries: (feed.items ?? []).map(rdfEntry),
  };
}

function rdfEntry(item: RdfItem, index: number): FeedEntry {
  return defined<FeedEntry>({
    index,
    guid: item.rdf?.about,
    link: item.link ?? permalink(item.rdf?.about),
    title: item.title,
    html: item.content?.encoded ?? item.description,
    date: dateText(item.dc?.dates?.[0]),
  });
}

export function fromAtom(feed: Atom): Shell & { entries: FeedEntry[] } {
  return {
    ...defined<Shell>({
      format: 'atom',
      title: feed.title?.value,
      siteUrl: alternateLink(feed.links),
      base: feed.xml?.base,
    }),
    entries: (feed.entries ?? []).map(atomEntry),
  };
}

function atomEntry(entry: AtomEntry, index: number): FeedEntry {
  return defined<FeedEntry>({
    index,
    guid: entry.id,
    link: alternateLink(entry.links) ?? permalink(entry.id),
    title: entry.title?.value,
    html: entry.content?.value ?? entry.summary?.value,
    date: dateText(entry.published ?? entry.updated),
    imageUrl: entry.media?.contents?.find((c) => isImage(c.medium, c.type))?.url,
  });
}

function alternateLink(links: Atom['links']): string | undefined {
  const list = links ?? [];
  return (list.find((l) => l.rel === undefined || l.rel === 'alternate') ?? list[0])?.href;
}

export function fromJson(feed: Json): Shell & { entries: FeedEntry[] } {
  return {
    ...defined<Shell>({
      format: 'json',
      title: feed.title,
      siteUrl: feed.home_page_url,
      language: feed.language,
    }),
    entries: (feed.items ?? []).map(jsonEntry),
  };
}

function jsonEntry(item: JsonItem, index: number): FeedEntry {
  return defined<FeedEntry>({
    index,
    guid: item.id,
    link: item.url ?? item.external_url ?? permalink(item.id),
    title: item.title,
    html: item.content_html ?? item.summary,
    text: item.content_text,
    date: dateText(item.date_published ?? item.date_modified),
    imageUrl: item.image ?? item.banner_image,
  });
}

/**
 * An item's id used as its link when it has none: an absolute http(s) URL (an RSS guid not
 * marked isPermaLink="false", an RDF rdf:about, an Atom or JSON Feed id), never a bare token.
 */
function permalink(id: string | undefined): string | undefined {
  const trimmed = id?.trim();
  return trimmed !== undefined && /^https?:\/\/\S+$/i.test(trimmed) ? trimmed : undefined;
}

function isImage(medium: string | undefined, type: string | undefined): boolean {
  return medium === 'image' || (type ?? '').startsWith('image/');
}

/** Dates come as the document wrote them; feedsmith types them loosely. */
function dateText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}
