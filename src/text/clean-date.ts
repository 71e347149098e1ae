/**
 * Dates as news sources write them: ISO 8601 ("2025-07-03", "2025-07-03T10:42:00+02:00") and
 * RFC 2822 ("Thu, 03 Jul 2025 10:42:00 GMT"). Strict: a day that does not exist (Feb 30) or a
 * loose phrase ("next Tuesday") is no date, never a guess. A time without a zone is UTC, so the
 * result never depends on the machine's time zone.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const RFC_2822 =
  /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})\s+(\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+([+-]\d{4}|[a-z]{1,5}))?$/i;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONE_HOURS: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  edt: -4,
  est: -5,
  cdt: -5,
  cst: -6,
  mdt: -6,
  mst: -7,
  pdt: -7,
  pst: -8,
};

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  offsetMinutes: number;
}

/** "+02:00", "-0500", "Z", "GMT", "EST"; an unknown zone name counts as UTC (RFC 2822 4.3). */
function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3]);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  return (ZONE_HOURS[zone.toLowerCase()] ?? 0) * 60;
}

function toDate(p: Parts): Date | undefined {
  if (p.month < 1 || p.month > 12 || p.hour > 23 || p.minute > 59 || p.second > 60)
    return undefined;
  const day = new Date(Date.UTC(p.year, p.month - 1, p.day));
  if (day.getUTCDate() !== p.day || day.getUTCMonth() !== p.month - 1) return undefined;
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millis);
  return new Date(local - p.offsetMinutes * 60_000);
}

function fromIso(m: RegExpExecArray): Date | undefined {
  const [, year, month, day, hour, minute, second, fraction, zone] = m;
  return toDate({
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millis: Math.floor(Number(`0.${fraction ?? '0'}`) * 1000),
    offsetMinutes: offsetMinutes(zone),
  });
}

function fromRfc2822(m: RegExpExecArray): Date | undefined {
  const [, day, monthName, year, hour, minute, second, zone] = m;
  const shortYear = Number(year);
  return toDate({
    year: (year ?? '').length === 2 ? shortYear + (shortYear < 50 ? 2000 : 1900) : shortYear,
    month: MONTHS.indexOf((monthName ?? '').toLowerCase()) + 1,
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
    millis: 0,
    offsetMinutes: offsetMinutes(zone),
  });
}

/** The instant an ISO 8601 or RFC 2822 date names; undefined for anything else. */
export function parseNewsDate(text: string): Date | undefined {
  const trimmed = text.trim();
  const iso = ISO.exec(trimmed);
  if (iso) return fromIso(iso);
  const rfc = RFC_2822.exec(trimmed);
  return rfc ? fromRfc2822(rfc) : undefined;
}
