import type { Clock } from '../domain/clock.ts';
import type { PlatformName, Target } from '../domain/subscription.ts';
import { FALLBACK_LIMITS, type LimitsByPlatform, type PlatformLimits } from './platform-limits.ts';
import { SlidingWindow } from '../domain/sliding-window.ts';
import { DeliveryAbortedError, type Sleep } from './sleep.ts';

export type Permit =
  { ok: true; waitedMs: number; grantedAt?: number } | { ok: false; retryAt: Date };

export interface AcquireOptions {
  signal?: AbortSignal;
  /** Give up (ok: false) rather than wait longer than this. */
  maxWaitMs?: number;
}

/** What the limiter granted so far on one platform (the benchmark reads the achieved rate). */
export interface LimiterStats {
  granted: number;
  waitedMs: number;
  firstGrantAt?: Date;
  lastGrantAt?: Date;
}

export interface RateLimiter {
  /** Waits until a send to `target` fits every limit, then counts it. */
  acquire(platform: PlatformName, target: Target, options?: AcquireOptions): Promise<Permit>;
  /** How long a send to `target` would wait now (nothing is counted). */
  delayFor(platform: PlatformName, target: Target): number;
  /** Holds the platform's whole bucket for `ms` (a 429's retry_after). */
  pause(platform: PlatformName, ms: number): void;
  stats(platform: PlatformName): LimiterStats;
  /**
   * Optional: the send granted at `grantedAt` left at `at` (the dispatcher calls it as the
   * platform's send starts). Its windows then count it from `at`: a send that left late (a
   * busy event loop, a store read before it) cannot arrive bunched with the next window's
   * grants (ADR 0007). Counted from its departure, not its ack: the platform counts a message
   * when it arrives, and waiting for the ack would hold every slot a round trip longer, which
   * cost 5% of the rate with 50 ms sends (ADR 0028).
   */
  departed?(platform: PlatformName, target: Target, grantedAt: number, at: number): void;
}

export interface RateLimiterOptions {
  limits: LimitsByPlatform;
  clock: Clock;
  sleep: Sleep;
  random?: () => number;
  /** Called at each grant (the benchmark's probe). */
  onGrant?: (platform: PlatformName, target: Target, at: Date) => void;
}

/** Per-platform sliding windows, per-chat and per-group windows, pace and pauses. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const state = createLimiterState(options);
  const acquire = async (platform: PlatformName, target: Target, o: AcquireOptions = {}) => {
    const start = options.clock.now().getTime();
    for (;;) {
      if (o.signal?.aborted === true) throw new DeliveryAbortedError();
      const now = options.clock.now().getTime();
      const wait = state.delay(platform, target, now);
      if (wait <= 0) {
        state.grant(platform, target, now, now - start);
        return { ok: true, waitedMs: now - start, grantedAt: now } satisfies Permit;
      }
      if (o.maxWaitMs !== undefined && now + wait - start > o.maxWaitMs) {
        return { ok: false, retryAt: new Date(now + wait) } satisfies Permit;
      }
      await sleepOrAbort(options.sleep, wait, o.signal);
    }
  };
  return {
    acquire,
    delayFor: (platform, target) => state.delay(platform, target, options.clock.now().getTime()),
    pause: (platform, ms) => {
      state.pause(platform, options.clock.now().getTime() + ms);
    },
    stats: (platform) => state.stats(platform),
    departed: (platform, target, grantedAt, at) => {
      state.departed(platform, target, grantedAt, at);
    },
  };
}

async function sleepOrAbort(sleep: Sleep, ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await sleep(ms, signal);
  } catch (err) {
    if (signal?.aborted === true) throw new DeliveryAbortedError();
    throw err;
  }
}

interface PlatformState {
  limits: PlatformLimits;
  windows: Map<string, SlidingWindow>;
  pausedUntil: number;
  paceUntil: number;
  stats: LimiterStats;
}

function createLimiterState(options: RateLimiterOptions) {
  const platforms = new Map<PlatformName, PlatformState>();
  const random = options.random ?? Math.random;
  const of = (platform: PlatformName): PlatformState => {
    let s = platforms.get(platform);
    if (s === undefined) {
      s = newPlatformState(options.limits[platform] ?? FALLBACK_LIMITS);
      platforms.set(platform, s);
    }
    return s;
  };
  return {
    delay: (platform: PlatformName, target: Target, now: number) =>
      delayOf(of(platform), target, now),
    grant: (platform: PlatformName, target: Target, now: number, waitedMs: number) => {
      const s = of(platform);
      grantIn(s, target, now, random);
      s.stats.waitedMs += waitedMs;
      options.onGrant?.(platform, target, new Date(now));
    },
    pause: (platform: PlatformName, until: number) => {
      const s = of(platform);
      s.pausedUntil = Math.max(s.pausedUntil, until);
    },
    stats: (platform: PlatformName): LimiterStats => ({ ...of(platform).stats }),
    departed: (platform: PlatformName, target: Target, grantedAt: number, at: number) => {
      const s = of(platform);
      s.limits.rules.forEach((rule, index) => {
        const key = windowKey(index, rule.scope, target);
        if (key !== undefined) s.windows.get(key)?.move(grantedAt, at);
      });
    },
  };
}

function newPlatformState(limits: PlatformLimits): PlatformState {
  return {
    limits,
    windows: new Map(),
    pausedUntil: 0,
    paceUntil: 0,
    stats: { granted: 0, waitedMs: 0 },
  };
}

function delayOf(s: PlatformState, target: Target, now: number): number {
  let wait = Math.max(0, s.pausedUntil - now, s.paceUntil - now);
  s.limits.rules.forEach((rule, index) => {
    const key = windowKey(index, rule.scope, target);
    if (key === undefined) return;
    const window = s.windows.get(key);
    if (window !== undefined) wait = Math.max(wait, window.delay(now));
  });
  return wait;
}

function grantIn(s: PlatformState, target: Target, now: number, random: () => number): void {
  s.limits.rules.forEach((rule, index) => {
    const key = windowKey(index, rule.scope, target);
    if (key === undefined) return;
    let window = s.windows.get(key);
    if (window === undefined) {
      window = new SlidingWindow(rule.limit, rule.windowMs);
      s.windows.set(key, window);
    }
    window.record(now);
  });
  const pace = s.limits.pace;
  if (pace !== undefined) s.paceUntil = now + pace.minMs + random() * (pace.maxMs - pace.minMs);
  s.stats.granted += 1;
  s.stats.firstGrantAt ??= new Date(now);
  s.stats.lastGrantAt = new Date(now);
  if (s.windows.size > 10_000) forgetIdle(s, now);
}

function windowKey(index: number, scope: string, target: Target): string | undefined {
  if (scope === 'platform') return `${index}`;
  if (scope === 'group' && target.kind === 'private') return undefined;
  return `${index}:${target.chatId}`;
}

function forgetIdle(s: PlatformState, now: number): void {
  for (const [key, window] of s.windows) if (window.idle(now)) s.windows.delete(key);
}
