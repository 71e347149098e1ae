/**
 * The lines a news page puts at the edges of an article: bylines ("By Jane Doe"), datelines
 * ("Published 3 hours ago", "Updated: 3 July 2025, 10:42 GMT", "July 3, 2025") and reading
 * times ("5 min read"). They are only dropped at the top or the bottom of a story: in the
 * middle of one, a line like that is more likely the writer's own.
 */

const MONTHS =
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec';
const WEEKDAYS =
  'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun';
const TIME_WORDS =
  'on at ago am pm a.m. p.m. gmt utc bst cet cest est edt cst cdt mst mdt pst pdt et ct mt pt hst akst ast wat cat eat ist sast msk pkt hkt jst aest aedt just now today yesterday hour hours hr hrs minute minutes min mins second seconds sec secs day days week weeks month months year years an a';

/** Month, weekday and time words a dateline is made of, lowercase. */
export const DATE_WORDS: ReadonlySet<string> = new Set(
  `${MONTHS} ${WEEKDAYS} ${TIME_WORDS}`.split(' '),
);
const NUMERIC = /^[+-]?\d[\d:./-]*(?:st|nd|rd|th|am|pm|h|z)?$/i;
const HAS_ANCHOR = /\d|\b(?:today|yesterday|just now)\b/i;

/** "July 3, 2025", "Thu 3 Jul 2025 10:42 GMT", "3 hours ago", "2025-07-03T10:42:00Z". */
export function isDateStamp(text: string): boolean {
  if (!HAS_ANCHOR.test(text)) return false;
  // Every token a number or a date word, and at least one token: stops at the first other.
  let tokens = 0;
  // The parts between separators, lowercase (no separator is a cased letter).
  for (const [part] of text.matchAll(/[^\s,|·•()]+/g)) {
    const token = part.toLowerCase().replace(/^[^\p{L}\p{N}+-]+|[^\p{L}\p{N}.]+$/gu, '');
    if (token === '') continue;
    if (!NUMERIC.test(token) && !DATE_WORDS.has(token.replace(/\.$/, ''))) return false;
    tokens += 1;
  }
  return tokens > 0;
}

const DATE_LABEL =
  /^(?:published|posted|updated|last updated|first published|modified|created|date|dated)(?:\s+on)?\s*:?\s*/i;
const READ_TIME =
  /^(?:\d+\s*-?\s*(?:min(?:ute)?s?|mins?)\.?\s*(?:read|listen)|(?:estimated )?reading time\s*:?.{0,20})$/i;
const BYLINE_LABEL =
  /^(?:by|written by|reported by|words by|story by|edited by|author:?|reporter:?)\s+/i;

function isDateline(segment: string): boolean {
  const rest = segment.replace(DATE_LABEL, '');
  return isDateStamp(rest);
}

function isByline(segment: string): boolean {
  if (!BYLINE_LABEL.test(segment)) return false;
  const words = segment.split(/\s+/).length;
  const name = segment.replace(BYLINE_LABEL, '');
  if (words > 12 || name === segment || !/^\p{Lu}[^!?]*$/u.test(name)) return false;
  // "By Thursday, the talks had collapsed." is a sentence, not a byline.
  return !/\p{Ll}{2,}\.$/u.test(segment) && !/,\s*\p{Ll}+\s+\p{Ll}+/u.test(segment);
}

function isHeaderSegment(segment: string): boolean {
  return isDateline(segment) || READ_TIME.test(segment) || isByline(segment);
}

/**
 * A byline, dateline or reading-time line. A line of several of them joined by "|", "·" or
 * "•" ("By Jane Doe | 3 July 2025 | 5 min read") counts when every part does.
 */
export function isHeaderLine(line: string): boolean {
  // Whitespace folded first: split on /\s+[|·•]\s+/, a long run of spaces was quadratic.
  const segments = line
    .replace(/\s{2,}|(?! )\s/g, ' ') // = .replace(/\s+/g, ' '), single spaces left alone
    .split(/ [|·•] /)
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '');
  return segments.length > 0 && segments.every(isHeaderSegment);
}
