import type { PlatformName, Target } from '../domain/subscription.ts';
import type { RateLimiter } from './rate-limiter.ts';

/** Answered sends remembered per platform (a ring): for the quickest trip and the bound. */
const RING = 64;

interface Answered {
  departedAt: number;
  answeredAt: number;
}

/**
 * When the platform saw each send, as the rate windows count it (ADR 0028). At departure the
 * send is counted from then. At its answer it is counted, if later, from the earliest answer
 * of a send that left at or after it (its own included), less the quickest round trip of the
 * platform's last 64 sends: the platform takes messages in the order they reach it, so a send
 * was there before any send that left after it was answered. A send that left late behind a
 * busy scheduler, or reached a busy platform, delays those behind it too, and is counted at
 * least as late as it can have arrived; a slow answer of its own costs nothing when a send
 * behind it was answered sooner.
 */
export function createSendClock(limiter: RateLimiter) {
  const rings = new Map<PlatformName, { sends: Answered[]; next: number }>();
  return {
    departed(platform: PlatformName, target: Target, grantedAt: number, at: number): void {
      limiter.departed?.(platform, target, grantedAt, at);
    },
    answered(platform: PlatformName, target: Target, departedAt: number, at: number): void {
      let ring = rings.get(platform);
      if (ring === undefined) rings.set(platform, (ring = { sends: [], next: 0 }));
      let least = at - departedAt;
      let earliest = at;
      for (const send of ring.sends) {
        least = Math.min(least, send.answeredAt - send.departedAt);
        if (send.departedAt >= departedAt) earliest = Math.min(earliest, send.answeredAt);
      }
      ring.sends[ring.next] = { departedAt, answeredAt: at };
      ring.next = (ring.next + 1) % RING;
      const seen = earliest - least;
      if (seen > departedAt) limiter.departed?.(platform, target, departedAt, seen);
    },
  };
}

export type SendClock = ReturnType<typeof createSendClock>;
