import { decodeHTMLStrict } from 'entities';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { canonicalUrl, storyIdFromPath, storyIdFromUrl } from '../domain/story-id.ts';
import { cleanParagraphs, cleanScrapedText, normalizeLine } from '../text/clean.ts';
import { parseNewsDate } from '../text/clean-date.ts';
import { markdownBlocks } from '../text/markdown.ts';
import type { ParsedStory } from './parsed-story.ts';

/** The largest content file read: 1 MB. An article is a few kilobytes. */
export const MAX_CONTENT_BYTES = 1_048_576;

export type ContentFileResult = { ok: true; story: ParsedStory } | { ok: false; reason: string };
type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

const text = (what: string) => z.string({ error: `expected ${what}` }).nullish();

/** The front matter keys Herald reads; other keys are allowed and ignored. */
const FrontMatterSchema = z.object({
  title: text('a string'),
  date: z
    .union([z.date(), z.string(), z.number()], { error: 'expected a date like 2025-07-03' })
    .nullish(),
  url: text('an http(s) URL'),
  topics: z
    .union([z.array(z.string()), z.string()], {
      error: 'expected a list of strings or a comma-separated string',
    })
    .nullish(),
  image: text('an http(s) URL'),
  source: text('a string'),
  section: text('a string'),
  language: text('a language code like "en" or "pt-BR"'),
});
type FrontMatter = z.infer<typeof FrontMatterSchema>;

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

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/** Splits "---\n<yaml>\n---\n<body>"; a file without the opening line has no front matter. */
function splitFrontMatter(source: string): Result<{ yaml: string; body: string }> {
  const opening = OPENING.exec(source);
  if (!opening) return { ok: true, value: { yaml: '', body: source } };
  const rest = source.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) return fail('bad front matter: it opens with "---" but has no closing "---" line');
  const body = rest.slice(closing.index + closing[0].length).replace(/^\r?\n/, '');
  return { ok: true, value: { yaml: rest.slice(0, closing.index), body } };
}

/** A YAML error as one line, with the line number counted in the file (after "---"). */
function yamlErrorText(error: unknown): string {
  if (!(error instanceof YAMLParseError)) return String(error);
  const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  const line = error.linePos?.[0].line;
  return line === undefined ? message : `${message} (line ${line + 1} of the file)`;
}

function readYaml(yaml: string): Result<unknown> {
  try {
    return { ok: true, value: parseYaml(yaml) ?? {} };
  } catch (error) {
    const quoted = quoteColonValues(yaml);
    if (quoted !== yaml) {
      try {
        return { ok: true, value: parseYaml(quoted) ?? {} };
      } catch {
        // The original error says more about the file as written.
      }
    }
    return fail(`bad front matter: ${yamlErrorText(error)}`);
  }
}

/** A top-level `key: value` line whose plain value holds ": " (YAML reads a nested mapping). */
const COLON_VALUE = /^([A-Za-z_][\w-]*):[ \t]+([^\s"'[{|>&*!%@`#][^\n]*?: [^\n]*?)[ \t]*$/gm;

/**
 * The front matter with such values quoted: a headline such as `title: Brexit: what next` is
 * an error in YAML but what a writer means is plain. Tried only after the YAML failed.
 */
function quoteColonValues(yaml: string): string {
  return yaml.replace(COLON_VALUE, (_line, key: string, value: string) => {
    return `${key}: ${JSON.stringify(value)}`;
  });
}

function parseFrontMatter(yaml: string): Result<FrontMatter> {
  const raw = readYaml(yaml);
  if (!raw.ok) return raw;
  if (typeof raw.value !== 'object' || raw.value === null || Array.isArray(raw.value)) {
    return fail('bad front matter: expected "key: value" lines (a YAML mapping)');
  }
  const parsed = FrontMatterSchema.safeParse(raw.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return fail(`bad front matter: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
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
