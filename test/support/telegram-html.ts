/**
 * Telegram's HTML parse mode as the Bot API checks it (core.telegram.org/bots/api#html-style):
 * only the supported tags, every tag closed in order, every `<` and `&` part of a tag or an
 * entity. For the stand-in Bot API server of the tests.
 */
export interface Entity {
  type: string;
  offset: number;
  length: number;
  url?: string;
}

export type ParseResult =
  { ok: true; text: string; entities: Entity[] } | { ok: false; error: string };

const TAG_TYPES: Readonly<Record<string, string>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  'tg-spoiler': 'spoiler',
  span: 'spoiler',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface Open {
  name: string;
  offset: number;
  url?: string;
}

class ParseError extends Error {}

/** Parses `html` like Telegram: the visible text and its entities, or the error it answers. */
export function parseTelegramHtml(html: string): ParseResult {
  try {
    return { ok: true, ...parse(html) };
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, error: err.message };
    throw err;
  }
}

function parse(html: string): { text: string; entities: Entity[] } {
  let text = '';
  const entities: Entity[] = [];
  const stack: Open[] = [];
  let i = 0;
  while (i < html.length) {
    const ch = html[i] ?? '';
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) throw new ParseError(`Unclosed start tag at byte offset ${byteOffset(html, i)}`);
      const tag = html.slice(i + 1, end);
      if (tag.startsWith('/'))
        closeTag(tag.slice(1).trim().toLowerCase(), stack, text, entities, html, i);
      else stack.push(openTag(tag, html, i, text.length));
      i = end + 1;
    } else if (ch === '&') {
      const [decoded, length] = entity(html, i);
      text += decoded;
      i += length;
    } else {
      text += ch;
      i += 1;
    }
  }
  const unclosed = stack.pop();
  if (unclosed !== undefined) {
    throw new ParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  }
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

function openTag(tag: string, html: string, at: number, offset: number): Open {
  const match = /^([a-zA-Z][a-zA-Z0-9-]*)([\s\S]*)$/.exec(tag.trim());
  const name = match?.[1]?.toLowerCase() ?? '';
  if (TAG_TYPES[name] === undefined) {
    throw new ParseError(`Unsupported start tag "${name}" at byte offset ${byteOffset(html, at)}`);
  }
  if (name !== 'a') return { name, offset };
  const href = /href\s*=\s*"([^"]*)"/.exec(match?.[2] ?? '')?.[1];
  return href === undefined ? { name, offset } : { name, offset, url: decodeAttribute(href) };
}

function closeTag(
  name: string,
  stack: Open[],
  text: string,
  entities: Entity[],
  html: string,
  at: number,
) {
  const open = stack.pop();
  if (open?.name !== name) {
    const expected = open === undefined ? 'none' : `"</${open.name}>"`;
    throw new ParseError(
      `Unmatched end tag at byte offset ${byteOffset(html, at)}, expected ${expected}, found "</${name}>"`,
    );
  }
  const length = text.length - open.offset;
  if (length === 0) return;
  const type = TAG_TYPES[name] ?? 'unknown';
  entities.push({
    type,
    offset: open.offset,
    length,
    ...(open.url === undefined ? {} : { url: open.url }),
  });
}

function entity(html: string, at: number): [string, number] {
  const match = /^&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,6});/.exec(html.slice(at, at + 12));
  const body = match?.[1];
  if (match === null || body === undefined) {
    throw new ParseError(`Unsupported HTML entity at byte offset ${byteOffset(html, at)}`);
  }
  if (body.startsWith('#')) {
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return [String.fromCodePoint(code), match[0].length];
  }
  const named = NAMED[body.toLowerCase()];
  if (named === undefined) throw new ParseError(`Unsupported HTML entity "${body}"`);
  return [named, match[0].length];
}

function decodeAttribute(value: string): string {
  return value.replace(/&(lt|gt|amp|quot);/g, (_, name: string) => NAMED[name] ?? '');
}

function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}
