/**
 * The date a story states of itself: the first full date (day, month and year) in its title or
 * its first lines, where a dateline or "Last updated" line stands ("14 / 09 / 2013",
 * "September 15, 2013", "Sun, 15 Sep 2013"). A date further down is more often one the story
 * tells of (a birth, an earlier trial) than its own.
 */

/** Lines of the body (after the title) searched for the story's own date. */
const HEAD_LINES = 3;

const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
const YEAR = '((?:19|20)\\d\\d)';
const DATES = [
  // 14/09/2013, 14 / 09 / 2013, 14.09.2013
  new RegExp(`\\b(\\d{1,2}) ?[/.-] ?(\\d{1,2}) ?[/.-] ?${YEAR}\\b`, 'i'),
  // September 15, 2013; Sep 15 2013
  new RegExp(`\\b${MONTH},? (\\d{1,2})(?:st|nd|rd|th)?,? ${YEAR}\\b`, 'i'),
  // 16 September 2013; 15 Sep, 2013
  new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? ${MONTH},? ${YEAR}\\b`, 'i'),
];

/** The year of the story's own date ("2013"), or undefined when its head states none. */
export function statedYear(title: string, body: string): string | undefined {
  const head = [title, ...body.split('\n', HEAD_LINES)].join('\n');
  let first: { at: number; year: string } | undefined;
  for (const pattern of DATES) {
    const m = pattern.exec(head);
    const year = m?.[3];
    if (m === null || year === undefined) continue;
    if (first === undefined || m.index < first.at) first = { at: m.index, year };
  }
  return first?.year;
}
