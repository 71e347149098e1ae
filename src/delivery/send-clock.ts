import type { PlatformName, Target } from '../domain/subscription.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** Round trips remembered per platform for the least one (a ring). */
const RING = 64;

/**
 * When the platform saw each send, as the rate windows count it (ADR 0028). At departure the
 * send is counted from then. At its answer it is counted, if later, from the answer less the
 * quickest round trip of the platform's last 64 sends: a send that left late behind a busy
 * scheduler, or that waited for a connection, answers late too, and so is counted at least as
 * late as it can have arrived. A send as quick as the quickest costs nothing; a slower one
 * holds its slot the difference longer (its answer may have been slow rather than its way in).
 */
export function createSendClock(limiter: RateLimiter) {
  const rings = new Map<PlatformName, { trips: number[]; next: number }>();
  const quickest = (platform: PlatformName): number | undefined => {
    const ring = rings.get(platform);
    return ring === undefined ? undefined : Math.min(...ring.trips);
  };
  return {
    departed(platform: PlatformName, target: Target, grantedAt: number, at: number): void {
      limiter.departed?.(platform, target, grantedAt, at);
    },
    answered(platform: PlatformName, target: Target, departedAt: number, at: number): void {
      const trip = at - departedAt;
      const least = Math.min(trip, quickest(platform) ?? trip);
      let ring = rings.get(platform);
      if (ring === undefined) rings.set(platform, (ring = { trips: [], next: 0 }));
      ring.trips[ring.next] = trip;
      ring.next = (ring.next + 1) % RING;
      const seen = at - least;
      if (seen > departedAt) limiter.departed?.(platform, target, departedAt, seen);
    },
  };
}

export type SendClock = ReturnType<typeof createSendClock>;
