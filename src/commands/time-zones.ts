import { editDistance } from './suggest.ts';

let known: readonly string[] | undefined;

/** Every IANA zone the runtime knows, and UTC. */
function zones(): readonly string[] {
  known ??= ['UTC', ...Intl.supportedValuesOf('timeZone')];
  return known;
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export type ZoneLookup = { ok: true; zone: string } | { ok: false; suggestion?: string };

/**
 * An IANA zone as typed ("europe/berlin" in its own spelling, "Asia/Calcutta" as the runtime
 * knows it, a city alone: "New York" -> America/New_York), or the closest known name when it
 * is not one ("Europe/Berln" -> Europe/Berlin).
 */
export function resolveTimeZone(typed: string): ZoneLookup {
  const lower = typed.toLowerCase();
  const exact = zones().find((z) => z.toLowerCase() === lower);
  if (exact !== undefined) return { ok: true, zone: exact };
  const city = zones().find((z) => z.toLowerCase().endsWith(`/${lower}`));
  if (city !== undefined) return { ok: true, zone: city };
  if (/^[A-Za-z0-9_+\-/]+$/.test(typed) && isZone(typed)) return { ok: true, zone: typed };
  const suggestion = closest(lower);
  return suggestion === undefined ? { ok: false } : { ok: false, suggestion };
}

/** The zone whose name, or city, is within a few edits of the typed text. */
function closest(lower: string): string | undefined {
  if (lower.length < 3 || lower.length > 64) return undefined;
  let best: { zone: string; distance: number } | undefined;
  for (const zone of zones()) {
    const name = zone.toLowerCase();
    const city = name.slice(name.lastIndexOf('/') + 1);
    const distance = Math.min(editDistance(lower, name), editDistance(lower, city));
    if (best === undefined || distance < best.distance) best = { zone, distance };
  }
  const allowed = Math.max(1, Math.floor(lower.length / 4));
  return best !== undefined && best.distance <= allowed ? best.zone : undefined;
}
