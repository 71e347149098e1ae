import { decodeHTMLStrict } from 'entities';

/**
 * Markdown to plain text, one block at a time: headings lose their markers, links keep their
 * text, images and HTML tags go, emphasis marks go, list items become lines (an ordered
 * item keeps its number), code is kept as it is written. A small reader of the common
 * syntax, not a full CommonMark parser: content files are articles, not manuals.
 */

export interface MarkdownBlock {
  kind: 'heading' | 'paragraph' | 'list' | 'code';
  /** Plain text; the lines of a list or a code block are separated by "\n". */
  text: string;
  /** 1 to 6 for a heading. */
  level?: number;
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ATX = /^\s{0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const SETEXT = /^\s{0,3}(?:=+|-+)\s*$/;
const REF_DEF = /^\s{0,3}\[[^\]]+\]:\s*\S/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|(\d{1,9})[.)])\s+(?:\[[ xX]\]\s+)?(.*)$/;
const QUOTE = /^\s{0,3}>\s?/;

interface Reader {
  blocks: MarkdownBlock[];
  lines: string[];
  kind: 'paragraph' | 'list';
}

function flush(reader: Reader): void {
  const lines = reader.lines;
  reader.lines = [];
  if (lines.length === 0) return;
  const text =
    reader.kind === 'list'
      ? lines
          .map(inlineToText)
          .filter((line) => line !== '')
          .join('\n')
      : inlineToText(lines.join(' '));
  if (text !== '') reader.blocks.push({ kind: reader.kind, text });
}

function addLine(reader: Reader, kind: Reader['kind'], line: string): void {
  if (reader.kind !== kind) flush(reader);
  reader.kind = kind;
  reader.lines.push(line);
}

/** The lines of a fenced code block, and the index of the line after its closing fence. */
function readFence(lines: string[], start: number, fence: string): { text: string; next: number } {
  const closing = new RegExp(`^\\s{0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
  let i = start + 1;
  const body: string[] = [];
  while (i < lines.length && !closing.test(lines[i] ?? '')) body.push(lines[i++] ?? '');
  return { text: body.join('\n').trim(), next: i + 1 };
}

/** A paragraph underlined with "===" or "---" (a setext heading). */
function flushAsHeading(reader: Reader, level: number): void {
  const before = reader.blocks.length;
  flush(reader);
  const block = reader.blocks[before];
  if (block) reader.blocks[before] = { kind: 'heading', text: block.text, level };
}

function readHeading(reader: Reader, match: RegExpExecArray): void {
  flush(reader);
  const text = inlineToText(match[2] ?? '');
  if (text !== '') reader.blocks.push({ kind: 'heading', text, level: match[1]?.length ?? 1 });
}

function readListItem(reader: Reader, match: RegExpExecArray): void {
  addLine(
    reader,
    'list',
    match[1] === undefined ? (match[2] ?? '') : `${match[1]}. ${match[2] ?? ''}`,
  );
}

function readTableRow(reader: Reader, line: string): void {
  const cells = line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|');
  addLine(reader, 'list', cells.map((cell) => cell.trim()).join(' | '));
}

function readLine(reader: Reader, raw: string): void {
  let line = raw;
  while (QUOTE.test(line)) line = line.replace(QUOTE, '');
  const heading = ATX.exec(line);
  const item = LIST_ITEM.exec(line);
  if (line.trim() === '') flush(reader);
  else if (heading) readHeading(reader, heading);
  else if (SETEXT.test(line) && reader.lines.length > 0 && reader.kind === 'paragraph') {
    flushAsHeading(reader, line.trim().startsWith('=') ? 1 : 2);
  } else if (line.includes('|') && TABLE_SEPARATOR.test(line)) return;
  else if (RULE.test(line) || REF_DEF.test(line)) flush(reader);
  else if (item) readListItem(reader, item);
  else if (/^\s*\|.*\|\s*$/.test(line)) readTableRow(reader, line);
  else if (reader.kind === 'list' && reader.lines.length > 0) continueItem(reader, line);
  else addLine(reader, 'paragraph', line.replace(/\\$/, ''));
}

/** A line under a list item belongs to it (indented or lazy continuation). */
function continueItem(reader: Reader, line: string): void {
  const last = reader.lines.length - 1;
  reader.lines[last] = `${reader.lines[last] ?? ''} ${line.trim()}`;
}

/**
 * The text without its closed HTML comments; an unclosed "<!--" and what follows stay. A scan
 * with indexOf: the regex /<!--[\s\S]*?-->/g searched to the end once per "<!--" (quadratic).
 */
function withoutComments(text: string): string {
  let out = '';
  let from = 0;
  for (let open = text.indexOf('<!--'); open >= 0; open = text.indexOf('<!--', from)) {
    const close = text.indexOf('-->', open + 4);
    if (close < 0) break;
    out += text.slice(from, open);
    from = close + 3;
  }
  return out + text.slice(from);
}

/** The blocks of a Markdown document (front matter already removed), as plain text. */
export function markdownBlocks(markdown: string): MarkdownBlock[] {
  const lines = withoutComments(markdown.replace(/\r\n?/g, '\n')).split('\n');
  const reader: Reader = { blocks: [], lines: [], kind: 'paragraph' };
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i] ?? '');
    if (fence?.[1] === undefined) {
      readLine(reader, lines[i] ?? '');
      continue;
    }
    flush(reader);
    const code = readFence(lines, i, fence[1]);
    if (code.text !== '') reader.blocks.push({ kind: 'code', text: code.text });
    i = code.next - 1;
  }
  flush(reader);
  return reader.blocks;
}

/** The paragraphs of a Markdown document as plain text. */
export function markdownToParagraphs(markdown: string): string[] {
  return markdownBlocks(markdown).map((block) => block.text);
}

/** A backslash-escaped character is parked in the private use area while marks are removed. */
const ESCAPED = /\\([\\`*_{}[\]()#+\-.!|>~<])/g;
const PARKED = /[\uE000-\uE07F]/g;
const park = (text: string) =>
  text.replace(ESCAPED, (_, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
const unpark = (text: string) =>
  text.replace(PARKED, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000));

/** "(url)" or "(url "title")", where the URL may hold one level of parentheses. */
const LINK_TARGET = String.raw`\((?:[^()]|\([^()]*\))*\)`;

// No class below may run over the character that opens the construct ("[" or "<"): each
// opening is tried in turn, and one that scanned to the end of "[[[[…" or "<a@<a@…" was quadratic.
function stripMarks(text: string): string {
  return text
    .replace(new RegExp(`!\\[[^\\][]*\\](?:${LINK_TARGET}|\\[[^\\][]*\\])`, 'g'), '')
    .replace(new RegExp(`\\[([^\\][]*)\\]${LINK_TARGET}`, 'g'), '$1')
    .replace(/\[([^\][]+)\]\[[^\][]*\]/g, '$1')
    .replace(/<((?:https?|mailto):[^<>\s]+|[^<>\s@]+@[^<>\s]+)>/gi, '$1')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<\/?[a-z][\w-]*(?:\s[^<>]*)?\/?>/gi, '')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/(?<![\p{L}\p{N}*])\*(?=\S)([^*]*?\S)\*(?![\p{L}\p{N}*])/gu, '$1')
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)([^_]*?\S)_(?![\p{L}\p{N}_])/gu, '$1');
}

/** A code span opens only where a run of backticks starts (else "````…a" was quadratic). */
const CODE_SPAN = /(?<!`)(`+)(?!`)([\s\S]*?[^`])\1(?!`)/g;

/**
 * Markdown outside code spans: marks and tags removed, escapes and character references
 * (every named HTML entity, `&#233;`, `&#xE9;`; only with their semicolon) resolved.
 */
function plainSegment(markdown: string): string {
  return decodeHTMLStrict(unpark(stripMarks(park(markdown))));
}

/** One line or paragraph of Markdown inline syntax as plain text; code spans kept verbatim. */
export function inlineToText(markdown: string): string {
  let out = '';
  let last = 0;
  for (const match of markdown.matchAll(CODE_SPAN)) {
    out += plainSegment(markdown.slice(last, match.index)) + (match[2] ?? '').trim();
    last = match.index + match[0].length;
  }
  out += plainSegment(markdown.slice(last));
  return out.replace(/\s+/g, ' ').trim();
}
