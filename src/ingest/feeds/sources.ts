import { readFile, writeFile } from 'node:fs/promises';
import { Document, isMap, isSeq, parseDocument, type YAMLSeq } from 'yaml';
import { z } from 'zod';

const DURATION = /^(\d+)\s*(m|h|d)$/;

export const FeedSourceSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
  name: z.string().min(1).max(200).optional(),
  topics: z.array(z.string().min(1).max(60)).default([]),
  /** The feed's own pace: fetched at most once per this interval (30m, 2h, 1d). */
  every: z.string().regex(DURATION, 'an interval such as 30m, 2h or 1d').optional(),
  /** Fetch each item's page and keep its main text (for feeds that carry only teasers). */
  fullText: z.boolean().default(false),
});

export type FeedSource = z.infer<typeof FeedSourceSchema>;

const FeedsFileSchema = z.object({ feeds: z.array(FeedSourceSchema).default([]) }).nullable();

/** The feeds file cannot be read as a list of feeds; lists every problem with its place. */
export class FeedsFileError extends Error {
  override readonly name = 'FeedsFileError';
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(`${path}: ${problems.join('; ')}`);
  }
}

/** `every` in milliseconds (undefined when the feed follows the global schedule). */
export function everyMs(source: FeedSource): number | undefined {
  const m = DURATION.exec(source.every ?? '');
  if (m === null) return undefined;
  const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}

const HEADER = ` Herald's feeds. Each entry: url (required), name, topics, every (30m, 2h, 1d), fullText.
 Edit by hand or with: herald feeds add <url> --topics a,b / herald feeds remove <url>`;

async function readDocument(path: string): Promise<Document> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    text = '';
  }
  const parsed = parseDocument(text);
  if (parsed.errors.length > 0) {
    throw new FeedsFileError(
      path,
      parsed.errors.map((e) => e.message),
    );
  }
  if (parsed.contents !== null) return parsed;
  const fresh = new Document({ feeds: [] });
  fresh.commentBefore = HEADER;
  return fresh;
}

/** The feeds listed in the file (a missing file lists none). */
export async function loadFeedSources(path: string): Promise<FeedSource[]> {
  const doc = await readDocument(path);
  const parsed = FeedsFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new FeedsFileError(
      path,
      parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`),
    );
  }
  return parsed.data?.feeds ?? [];
}

/** Adds a feed (or replaces the entry with the same URL), keeping the file's comments. */
export async function addFeedSource(
  path: string,
  source: FeedSource,
): Promise<'added' | 'updated'> {
  await loadFeedSources(path); // refuses to edit a file that does not validate
  const doc = await readDocument(path);
  const seq = feedsSeq(doc);
  const at = indexOf(seq.items, source.url);
  const node = doc.createNode(compact(source));
  const topics = node.get('topics', true);
  if (isSeq(topics)) topics.flow = true;
  if (at >= 0) seq.items[at] = node;
  else seq.items.push(node);
  await writeFile(path, doc.toString({ lineWidth: 100 }), 'utf8');
  return at >= 0 ? 'updated' : 'added';
}

/** Removes the feed with this URL; false when the file does not list it. */
export async function removeFeedSource(path: string, url: string): Promise<boolean> {
  const doc = await readDocument(path);
  const seq = feedsSeq(doc);
  const at = indexOf(seq.items, url);
  if (at < 0) return false;
  seq.items.splice(at, 1);
  await writeFile(path, doc.toString({ lineWidth: 100 }), 'utf8');
  return true;
}

function feedsSeq(doc: Document): YAMLSeq {
  if (!isMap(doc.contents)) {
    throw new FeedsFileError('feeds file', ['the top level must be a map with a "feeds" list']);
  }
  const existing = doc.get('feeds', true);
  if (isSeq(existing)) return existing;
  const seq = doc.createNode([]);
  doc.set('feeds', seq);
  return seq;
}

function indexOf(items: unknown[], url: string): number {
  return items.findIndex((item) => isMap(item) && item.get('url') === url);
}

/** The entry as it is written: defaults left out, so the file stays short. */
function compact(source: FeedSource): Record<string, unknown> {
  const entry: Record<string, unknown> = { url: source.url };
  if (source.name !== undefined) entry.name = source.name;
  if (source.topics.length > 0) entry.topics = source.topics;
  if (source.every !== undefined) entry.every = source.every;
  if (source.fullText) entry.fullText = true;
  return entry;
}
