/** When digests go out: the next HH:MM of a subscription, in an IANA time zone. */

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** True when the runtime knows the zone ("UTC", "Europe/Berlin"). */
export function isTimeZone(zone: string): boolean {
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
}

/** The first of `times` (HH:MM in `zone`) strictly after `now`. */
export function nextDigestAt(times: readonly string[], zone: string, now: Date): Date {
  const today = localParts(now.getTime(), zone);
  let best = Number.POSITIVE_INFINITY;
  for (let offset = 0; offset <= 2; offset += 1) {
    const day = addDays(today, offset);
    for (const time of times) {
      const at = zonedToUtc(day, time, zone);
      if (at > now.getTime() && at < best) best = at;
    }
  }
  return new Date(best);
}

function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function localParts(t: number, zone: string): LocalDate & { hour: number; minute: number } {
  const parts = formatterOf(zone).formatToParts(new Date(t));
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

/** The zone's offset from UTC at instant `t`, in ms (minute precision). */
function offsetAt(t: number, zone: string): number {
  const p = localParts(t, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(t / 60_000) * 60_000;
}

function zonedToUtc(day: LocalDate, time: string, zone: string): number {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const wall = Date.UTC(day.year, day.month - 1, day.day, hour, minute);
  const first = wall - offsetAt(wall, zone);
  return wall - offsetAt(first, zone);
}

function addDays(day: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}
