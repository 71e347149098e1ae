import { isBlockHeading, isBoilerplateLine, isHeadlineLike, wordCount } from './boilerplate.ts';
import { isHeaderLine } from './clean-header.ts';

/** A scraped article once the site's leftovers are gone. */
export interface CleanStory {
  /** The short section line above the headline ("News", "Politics"), when there is one. */
  section?: string;
  /** The headline, when the text starts with one. */
  title?: string;
  paragraphs: string[];
}

export interface CleanOptions {
  /** Keep single line breaks inside a paragraph (Markdown lists, code); default: fold them. */
  keepLineBreaks?: boolean;
}

const ZERO_WIDTH = /[\u200B\u2060\uFEFF\u00AD\u180E]/g;
/** ZWJ/ZWNJ are kept between letters and emoji, where they shape the text. */
const STRAY_JOINER =
  /(?<![\p{L}\p{M}\p{Extended_Pictographic}])[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}\p{Extended_Pictographic}])/gu;
const ODD_SPACE = /[\t\v\f\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F]/g;
/** Bidi embeddings, overrides and isolates: they can reorder what follows them on screen. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/g;
/** Half of a surrogate pair: not text, and not valid UTF-8 (the platforms refuse it). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const SURROGATE = /[\uD800-\uDFFF]/;
/**
 * Any character one of the passes after NFC in `normalizeText` changes: the characters of
 * the line-end, ZERO_WIDTH, joiner, CONTROL, BIDI_CONTROL and ODD_SPACE patterns, as one class.
 */
const CHANGED_BELOW = new RegExp(
  `[${[/[\r\u2028\u2029\u0085]/, ZERO_WIDTH, /[\u200C\u200D]/, CONTROL, BIDI_CONTROL, ODD_SPACE]
    .map((re) => re.source.slice(1, -1))
    .join('')}]`,
);

/**
 * NFC, "\n" line ends, no zero-width, bidi or control characters, odd spaces made plain, a lone
 * surrogate replaced by U+FFFD.
 */
export function normalizeText(raw: string): string {
  // Most text has none of what the passes below change: then NFC is all there is to do.
  if (!SURROGATE.test(raw)) {
    const nfc = raw.normalize('NFC');
    if (!CHANGED_BELOW.test(nfc)) return nfc;
  }
  return raw
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(ZERO_WIDTH, '')
    .replace(STRAY_JOINER, '')
    .replace(CONTROL, '')
    .replace(BIDI_CONTROL, '')
    .replace(ODD_SPACE, ' ');
}

/** One line of text: normalised, whitespace runs folded to one space, trimmed. */
export function normalizeLine(raw: string): string {
  return normalizeText(raw).replace(/\s+/g, ' ').trim();
}

function normalizeParagraph(paragraph: string, keepLineBreaks: boolean): string {
  const lines = normalizeText(paragraph)
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter((line) => line !== '');
  return lines.join(keepLineBreaks ? '\n' : ' ');
}

/** Drops boilerplate lines, and the headlines under a "Related Articles"-like heading. */
function dropBoilerplate(paragraphs: string[]): string[] {
  const kept: string[] = [];
  let inPromoBlock = false;
  for (const paragraph of paragraphs) {
    const flat = paragraph.replace(/\n/g, ' ');
    if (isBlockHeading(flat)) {
      inPromoBlock = true;
    } else if (!isBoilerplateLine(flat)) {
      inPromoBlock &&= isHeadlineLike(flat) || isHeaderLine(flat);
      if (!inPromoBlock) kept.push(paragraph);
    }
  }
  return kept;
}

/** Drops bylines, datelines and reading times at the top and the bottom. */
function trimEdges(paragraphs: string[]): string[] {
  let start = 0;
  let end = paragraphs.length;
  while (start < end && isHeaderLine(paragraphs[start] ?? '')) start++;
  while (end > start && isHeaderLine(paragraphs[end - 1] ?? '')) end--;
  return paragraphs.slice(start, end);
}

function dropRepeats(paragraphs: string[]): string[] {
  return paragraphs.filter((paragraph, i) => paragraph !== paragraphs[i - 1]);
}

/**
 * Cleans the paragraphs of one article (from a scraped file or a feed item's HTML): whitespace
 * and Unicode normalised, share bars, promo blocks, prompts, credits, bylines and the like
 * dropped. Every paragraph of the article itself is kept, in order.
 */
export function cleanParagraphs(paragraphs: string[], options: CleanOptions = {}): string[] {
  const normalized = paragraphs
    .map((paragraph) => normalizeParagraph(paragraph, options.keepLineBreaks ?? false))
    .filter((paragraph) => paragraph !== '');
  return dropRepeats(trimEdges(dropBoilerplate(normalized)));
}

/** A line continues the previous one when it was hard-wrapped mid-sentence. */
function continuesLine(previous: string, line: string): boolean {
  if (wordCount(previous) < 6 || isBoilerplateLine(line)) return false;
  return /^\p{Ll}/u.test(line) || /[,;–—-]$/.test(previous);
}

/** Lines to paragraphs: one per line, hard-wrapped lines joined, blank lines separate. */
export function linesToParagraphs(text: string): string[] {
  const paragraphs: string[] = [];
  let previous = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/ {2,}/g, ' ').trim();
    if (line !== '' && previous !== '' && continuesLine(previous, line)) {
      paragraphs[paragraphs.length - 1] = `${previous} ${line}`;
      previous = `${previous} ${line}`;
    } else {
      if (line !== '') paragraphs.push(line);
      previous = line;
    }
  }
  return paragraphs;
}

const isJunk = (line: string) => isBoilerplateLine(line) || isHeaderLine(line);

const SECTION_CONNECTOR = /^(?:&|and|of|the|in|for|-|–)$/;

/** "News", "Middle East", "Science & Environment": up to three capitalised words. */
function isSectionLike(line: string): boolean {
  const words = line.split(' ');
  if (words.length > 3 || line.length > 40 || /[.!?…:;,]$/.test(line)) return false;
  return words.every((word) => !/^\p{Ll}/u.test(word) || SECTION_CONNECTOR.test(word));
}

function isTitleLike(line: string): boolean {
  return wordCount(line) >= 3 && line.length <= 300 && isHeadlineLike(line, 40);
}

function nextContent(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && isJunk(lines[i] ?? '')) i++;
  return i;
}

/** The section line and the headline at the top, and the lines after them. */
function splitHeading(lines: string[]): CleanStory {
  const a = nextContent(lines, 0);
  const b = nextContent(lines, a + 1);
  const first = lines[a];
  const second = lines[b];
  if (first !== undefined && second !== undefined && isSectionLike(first) && isTitleLike(second)) {
    return { section: first, title: second, paragraphs: lines.slice(b + 1) };
  }
  if (first !== undefined && isTitleLike(first)) {
    return { title: first, paragraphs: lines.slice(a + 1) };
  }
  return { paragraphs: lines.slice(a) };
}

/**
 * Cleans a scraped article as saved in a plain text file: an optional short section line,
 * the headline, the paragraphs, and whatever the site left around them.
 */
export function cleanScrapedText(raw: string): CleanStory {
  const heading = splitHeading(linesToParagraphs(normalizeText(raw)));
  return { ...heading, paragraphs: cleanParagraphs(heading.paragraphs) };
}
