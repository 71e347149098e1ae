import { TELEGRAM_LIMITS } from './limits.ts';

/** A run of text with one style: what becomes one HTML element (or plain escaped text). */
export interface Piece {
  text: string;
  style?: 'b' | 'i' | 'code';
  href?: string;
}

/** One line of a message; lines are joined with a newline. */
export type Line = Piece[];

/** Escapes text for Telegram's HTML parse mode: the three characters it requires. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/** Removes control characters (newline and tab kept) that feed text may carry. */
export function cleanText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

function pieceHtml(piece: Piece): string {
  let html = escapeHtml(piece.text);
  if (piece.style !== undefined) html = `<${piece.style}>${html}</${piece.style}>`;
  if (piece.href !== undefined) html = `<a href="${escapeAttribute(piece.href)}">${html}</a>`;
  return html;
}

const visible = (lines: readonly Line[]) => lines.map((l) => l.filter((p) => p.text !== ''));

/** The HTML of the lines: every tag opened and closed within its piece. */
export function toHtml(lines: readonly Line[]): string {
  return visible(lines)
    .map((line) => line.map(pieceHtml).join(''))
    .join('\n');
}

/** The same lines as plain text (no parse mode): what a reader sees, links spelled out. */
export function toPlain(lines: readonly Line[]): string {
  return lines
    .map((line) =>
      line.map((p) => (p.href !== undefined && p.href !== p.text ? `${p.text} ${p.href}` : p.text)),
    )
    .map((parts) => parts.join(''))
    .join('\n');
}

/** Characters a reader sees (what Telegram counts against its limits), UTF-16 units. */
export function visibleLength(lines: readonly Line[]): number {
  const chars = lines.reduce((sum, line) => sum + lineLength(line), 0);
  return chars + Math.max(0, lines.length - 1);
}

const lineLength = (line: Line) => line.reduce((sum, p) => sum + p.text.length, 0);

/**
 * Splits lines into messages of at most `max` visible characters. Whole lines are kept
 * together when they fit; a longer line is cut between pieces or at a space. Tags are written
 * per piece after the split and escaping comes last, so no tag or entity is ever cut.
 */
export function splitLines(
  lines: readonly Line[],
  max: number = TELEGRAM_LIMITS.textChars,
): Line[][] {
  const chunks: Line[][] = [];
  let current: Line[] = [];
  for (const line of lines.flatMap((l) => cutLine(l, max))) {
    if (current.length > 0 && visibleLength([...current, line]) > max) {
      chunks.push(current);
      current = [];
    }
    current.push(line);
  }
  if (current.some((l) => lineLength(l) > 0)) chunks.push(current);
  return chunks;
}

/** A line longer than `max` as several lines of at most `max` characters. */
function cutLine(line: Line, max: number): Line[] {
  if (lineLength(line) <= max) return [line];
  const out: Line[] = [];
  let current: Line = [];
  let room = max;
  for (const piece of line) {
    let rest = piece.text;
    while (rest.length > room) {
      const cut = cutPoint(rest, room);
      if (cut > 0) current.push({ ...piece, text: rest.slice(0, cut) });
      out.push(current);
      current = [];
      room = max;
      rest = rest.slice(cut).trimStart();
    }
    if (rest !== '') current.push({ ...piece, text: rest });
    room -= rest.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Where to cut `text` to keep at most `room` units: the last space, never inside a pair. */
function cutPoint(text: string, room: number): number {
  const space = text.lastIndexOf(' ', room);
  if (space > room / 2) return space;
  const code = text.charCodeAt(room - 1);
  return code >= 0xd800 && code <= 0xdbff ? room - 1 : room;
}

/** Cuts text to `max` characters with an ellipsis, at a space when one is near. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = cutPoint(text, max - 1);
  return `${text.slice(0, cut).trimEnd()}…`;
}
