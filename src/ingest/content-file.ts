import { decodeHTMLStrict } from 'entities';
import { canonicalUrl, storyIdFromPath, storyIdFromUrl } from '../domain/story-id.ts';
import { cleanParagraphs, cleanScrapedText, normalizeLine } from '../text/clean.ts';
import { parseNewsDate } from '../text/clean-date.ts';
import { markdownBlocks } from '../text/markdown.ts';
import {
  parseFrontMatter,
  splitFrontMatter,
  type FrontMatter,
  type Result,
} from './front-matter.ts';
import type { ParsedStory } from './parsed-story.ts';

/** The largest content file read: 1 MB. An article is a few kilobytes. */
export const MAX_CONTENT_BYTES = 1_048_576;

export type ContentFileResult = { ok: true; story: ParsedStory } | { ok: false; reason: string };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** The text of a file: UTF-8 without a BOM; binary or oversized content is refused. */
function decode(bytes: Buffer): Result<string> {
  if (bytes.length > MAX_CONTENT_BYTES) {
    return fail(`file too large: ${bytes.length} bytes, the limit is ${MAX_CONTENT_BYTES} (1 MB)`);
  }
  if (bytes.includes(0)) return fail('binary content: the file holds NUL bytes');
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return fail('binary content: the file is not valid UTF-8 (save it as UTF-8)');
  }
}

/** The parts of a story the body gives: its paragraphs, and the headline when it has one. */
interface BodyContent {
  title?: string;
  section?: string;
  paragraphs: string[];
}

const sameText = (a: string, b: string) =>
  normalizeLine(a).toLowerCase() === normalizeLine(b).toLowerCase();

/** A Markdown body: a leading "# Heading" is the title when the front matter has none. */
function markdownContent(body: string, title: string | undefined): BodyContent {
  const blocks = markdownBlocks(body);
  const first = blocks[0];
  const leadingHeading = first?.kind === 'heading' && first.level === 1 ? first.text : undefined;
  const headingIsTitle =
    leadingHeading !== undefined && (title === undefined || sameText(title, leadingHeading));
  const rest = headingIsTitle ? blocks.slice(1) : blocks;
  const paragraphs = cleanParagraphs(
    rest.map((block) => block.text),
    { keepLineBreaks: true },
  );
  return headingIsTitle ? { title: leadingHeading, paragraphs } : { paragraphs };
}

/**
 * A scraped text body, its character references (`&eacute;`, `&#233;`) decoded: a headline it
 * finds that differs from the front matter's title stays.
 */
function textContent(body: string, title: string | undefined): BodyContent {
  const found = cleanScrapedText(decodeHTMLStrict(body));
  if (title === undefined || found.title === undefined || sameText(title, found.title))
    return found;
  return { ...found, paragraphs: [found.title, ...found.paragraphs] };
}

/** A front matter text as one line, its character references decoded. */
function optionalLine(value: string | null | undefined): string | undefined {
  const line = value == null ? '' : normalizeLine(decodeHTMLStrict(value));
  return line === '' ? undefined : line;
}

function readTopics(value: FrontMatter['topics']): string[] {
  const items = typeof value === 'string' ? value.split(',') : (value ?? []);
  const topics = items.map((t) => normalizeLine(decodeHTMLStrict(t))).filter((t) => t !== '');
  return topics.filter(
    (t, i) => topics.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i,
  );
}

function readUrl(
  field: 'url' | 'image',
  value: string | null | undefined,
): Result<string | undefined> {
  if (value == null || value.trim() === '') return { ok: true, value: undefined };
  const url = canonicalUrl(value);
  if (url === undefined)
    return fail(`bad front matter: ${field}: "${value.trim()}" is not an http(s) URL`);
  return { ok: true, value: field === 'url' ? url : value.trim() };
}

const LANGUAGE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i;

/** The front matter fields that need more than a type check: URLs and the language code. */
function checkFields(
  meta: FrontMatter,
): Result<{ url?: string; image?: string; language?: string }> {
  const url = readUrl('url', meta.url);
  if (!url.ok) return url;
  const image = readUrl('image', meta.image);
  if (!image.ok) return image;
  const language = optionalLine(meta.language)?.replace(/^[a-z]+/i, (tag) => tag.toLowerCase());
  if (language !== undefined && !LANGUAGE.test(language)) {
    return fail(
      `bad front matter: language: "${language}" is not a language code like "en" or "pt-BR"`,
    );
  }
  return {
    ok: true,
    value: {
      ...withValue('url', url.value),
      ...withValue('image', image.value),
      ...withValue('language', language),
    },
  };
}

/** `{ [key]: value }` when the value is defined, `{}` otherwise (exactOptionalPropertyTypes). */
function withValue<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}

function assemble(
  relativePath: string,
  meta: FrontMatter,
  content: BodyContent,
  title: string,
): Result<ParsedStory> {
  const fields = checkFields(meta);
  if (!fields.ok) return fields;
  const { url, image, language } = fields.value;
  return {
    ok: true,
    value: {
      id: url === undefined ? storyIdFromPath(relativePath) : storyIdFromUrl(url),
      title,
      body: content.paragraphs.join('\n\n'),
      topics: readTopics(meta.topics),
      origin: { kind: 'content', ref: relativePath },
      ...withValue('url', url),
      ...withValue('source', optionalLine(meta.source)),
      ...withValue('section', optionalLine(meta.section) ?? content.section),
      ...withValue('publishedAt', parseStoryDate(meta.date)),
      ...withValue('imageUrl', image),
      ...withValue('language', language),
    },
  };
}

/** The front matter's date: ISO 8601 or RFC 2822 (see parseNewsDate); undefined when unusable. */
export function parseStoryDate(value: Date | string | number | null | undefined): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  return typeof value === 'string' ? parseNewsDate(value) : undefined;
}

type Format = 'markdown' | 'text';

export function contentFormat(relativePath: string): Format | undefined {
  if (/\.(?:md|markdown)$/i.test(relativePath)) return 'markdown';
  return /\.txt$/i.test(relativePath) ? 'text' : undefined;
}

function readStory(relativePath: string, format: Format, source: string): Result<ParsedStory> {
  const split = splitFrontMatter(source);
  if (!split.ok) return split;
  const meta = parseFrontMatter(split.value.yaml);
  if (!meta.ok) return meta;
  const metaTitle = optionalLine(meta.value.title);
  const read = format === 'markdown' ? markdownContent : textContent;
  const content = read(split.value.body, metaTitle);
  const title = metaTitle ?? optionalLine(content.title);
  if (title === undefined) {
    const where =
      format === 'markdown' ? 'a "# Heading" first line' : 'the headline on the first line';
    return fail(`no title: add "title:" to the front matter or ${where}`);
  }
  if (content.paragraphs.length === 0) return fail('empty body: no article text after cleaning');
  return assemble(relativePath, meta.value, content, title);
}

/**
 * Reads one content file (`relativePath` is its path under the content folder, with "/"):
 * Markdown with YAML front matter, or a plain scraped text file. Never throws: a file that
 * cannot become a story comes back with the reason.
 */
export function parseContentFile(relativePath: string, bytes: Buffer): ContentFileResult {
  const format = contentFormat(relativePath);
  if (format === undefined) return fail('unsupported file type: expected .md, .markdown or .txt');
  const source = decode(bytes);
  if (!source.ok) return source;
  const story = readStory(relativePath, format, source.value);
  return story.ok ? { ok: true, story: story.value } : story;
}
