import type { QuietHours, Subscription } from '../domain/subscription.ts';
import { localParts, nextDigestAt } from './digest-time.ts';

/*
 * Quiet hours per chat: a story that comes while the chat is quiet is queued for the end of
 * its quiet hours, as a digest row (the outbox sends a subscription's due digest rows as one
 * message). The time is fixed when the row is queued and lives in the store, so a restart
 * neither loses nor repeats it, and every time is computed in the chat's own zone, so a
 * daylight-saving change moves the end with the clock on the wall.
 */

const minutesOf = (hhmm: string) => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return h * 60 + m;
};

/** Whether `at` falls inside the quiet hours (in `zone`); a span may cross midnight. */
export function isQuiet(quiet: QuietHours, zone: string, at: Date): boolean {
  const local = localParts(at.getTime(), zone);
  const now = local.hour * 60 + local.minute;
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/** The chat's zone: its own, or the default. */
export function zoneOf(sub: Pick<Subscription, 'preferences'>, defaultZone: string): string {
  return sub.preferences?.timezone ?? defaultZone;
}

/**
 * When a story queued `now` for this subscription goes out as part of a digest: at its next
 * digest time (moved to the end of quiet hours when it falls inside them), or, for a chat
 * that takes stories as they come, at the end of the quiet hours it is in; undefined to send
 * it at once.
 */
export function digestTimeFor(
  sub: Pick<Subscription, 'mode' | 'preferences'>,
  defaultZone: string,
  now: Date,
): Date | undefined {
  const zone = zoneOf(sub, defaultZone);
  const quiet = sub.preferences?.quiet;
  const at = sub.mode.kind === 'digest' ? nextDigestAt(sub.mode.times, zone, now) : now;
  if (quiet !== undefined && isQuiet(quiet, zone, at)) return nextDigestAt([quiet.to], zone, at);
  return sub.mode.kind === 'digest' ? at : undefined;
}
