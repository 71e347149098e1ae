/**
 * A content file's front matter: the "---" block split from the body, read as YAML (with a
 * retry for unquoted values holding ": "), checked against the keys Herald reads, with the
 * other names those keys go by in files written for static site generators.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';

export type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

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
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/m;

/** Splits "---\n<yaml>\n---\n<body>"; a file without the opening line has no front matter. */
export function splitFrontMatter(source: string): Result<{ yaml: string; body: string }> {
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

export function parseFrontMatter(yaml: string): Result<FrontMatter> {
  const raw = readYaml(yaml);
  if (!raw.ok) return raw;
  if (typeof raw.value !== 'object' || raw.value === null || Array.isArray(raw.value)) {
    return fail('bad front matter: expected "key: value" lines (a YAML mapping)');
  }
  const parsed = FrontMatterSchema.safeParse(withAliases(raw.value as Record<string, unknown>));
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return fail(`bad front matter: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
}

/**
 * Other names the same fields go by in files written for static site generators and blog
 * exports (Hugo's `publishDate`, `tags` and `categories`, Ghost's `published_at`, ...): read
 * when the key Herald names is absent, so such a folder keeps its dates and topics.
 */
const ALIASES = {
  date: ['publishDate', 'published', 'pubDate', 'published_at', 'publishedAt', 'datePublished'],
  topics: ['tags', 'categories'],
} as const;

function withAliases(meta: Record<string, unknown>): Record<string, unknown> {
  const out = { ...meta };
  if (out.date === undefined || out.date === null) {
    const key = ALIASES.date.find((k) => meta[k] !== undefined && meta[k] !== null);
    if (key !== undefined) out.date = meta[key];
  }
  if (out.topics === undefined || out.topics === null) {
    const lists = ALIASES.topics.flatMap((k): unknown[] => {
      const value = meta[k];
      if (typeof value === 'string') return value.split(',');
      return Array.isArray(value) ? (value as unknown[]) : [];
    });
    if (lists.length > 0) out.topics = lists.map((t) => (typeof t === 'string' ? t : String(t)));
  }
  return out;
}
