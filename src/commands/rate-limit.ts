import type { Clock } from '../domain/clock.ts';
import { LruMap } from './lru.ts';

/** What to do with one command: run it, tell the user to slow down (once), or stay silent. */
export type RateDecision =
  { kind: 'allow' } | { kind: 'notice'; retryAfterMs: number } | { kind: 'silent' };

export interface RateLimiterOptions {
  limit: number;
  windowMs: number;
  /** How many users are remembered; the least recently seen are forgotten first. */
  maxUsers: number;
}

interface UserWindow {
  /** Times of the commands let through, oldest first; at most `limit`. */
  times: number[];
  noticed: boolean;
}

/**
 * A sliding-window limiter per user: `limit` commands per `windowMs`. The first command over
 * the limit gets one notice; the rest are dropped silently until the window has room again.
 */
export function createRateLimiter(clock: Clock, options: RateLimiterOptions) {
  const users = new LruMap<string, UserWindow>(options.maxUsers);
  return {
    check(userKey: string): RateDecision {
      const now = clock.now().getTime();
      const user = users.get(userKey) ?? { times: [], noticed: false };
      users.set(userKey, user);
      user.times = user.times.filter((t) => now - t < options.windowMs);
      if (user.times.length < options.limit) {
        user.times.push(now);
        user.noticed = false;
        return { kind: 'allow' };
      }
      if (user.noticed) return { kind: 'silent' };
      user.noticed = true;
      return { kind: 'notice', retryAfterMs: (user.times[0] ?? now) + options.windowMs - now };
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
