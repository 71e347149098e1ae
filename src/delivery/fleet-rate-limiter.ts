import type { Log } from '../domain/log.ts';
import type { PlatformName, Target } from '../domain/subscription.ts';
import type { RateWindowClaim, RateWindowStore } from '../store/rate-window-store.ts';
import { FALLBACK_LIMITS, type PlatformLimits } from './platform-limits.ts';
import {
  createRateLimiter,
  type AcquireOptions,
  type LimiterStats,
  type Permit,
  type RateLimiter,
  type RateLimiterOptions,
} from './rate-limiter.ts';
import { DeliveryAbortedError } from './sleep.ts';
import { LOG_LIMIT } from '../domain/sliding-window.ts';

export interface FleetLimiterOptions extends RateLimiterOptions {
  /** The windows every process shares; without them the limits are this process's alone. */
  shared?: RateWindowStore;
  log?: Log;
}

const PRUNE_EVERY = 1000;
const KEEP_IDLE_MS = 2 * 86_400_000;

/**
 * The rate limiter for a fleet (ADR 0011): the same rules as `createRateLimiter`, but each
 * grant is recorded in the shared windows (one call to the store), so N processes together
 * send no faster than one would. Without `shared` it is the in-process limiter.
 */
export function createFleetRateLimiter(options: FleetLimiterOptions): RateLimiter {
  const { shared } = options;
  if (shared === undefined) return createRateLimiter(options);
  const stats = new Map<PlatformName, LimiterStats>();
  const pausedUntil = new Map<PlatformName, number>();
  const statsOf = (p: PlatformName) => stats.get(p) ?? { granted: 0, waitedMs: 0 };
  let grants = 0;
  // A send is moved twice (at its departure, then at its answer): the second move looks for
  // where the first put it, so the moves go to the store one after another, in order.
  let moves: Promise<void> = Promise.resolve();
  const onGranted = (platform: PlatformName, target: Target, now: number, waited: number) => {
    const s = statsOf(platform);
    stats.set(platform, record(s, now, waited));
    options.onGrant?.(platform, target, new Date(now));
    if ((grants += 1) % PRUNE_EVERY === 0) prune(shared, now, options.log);
  };
  return {
    acquire: (platform, target, o = {}) =>
      acquireShared(options, shared, { platform, target, o, pausedUntil, onGranted }),
    delayFor: (platform) =>
      Math.max(0, (pausedUntil.get(platform) ?? 0) - options.clock.now().getTime()),
    pause: (platform, ms) => {
      const until = options.clock.now().getTime() + ms;
      pausedUntil.set(platform, Math.max(pausedUntil.get(platform) ?? 0, until));
      shared.pause(platform, new Date(until)).catch((err: unknown) => {
        options.log?.warn({ platform, err }, 'could not share a rate-limit pause');
      });
    },
    stats: (platform) => ({ ...statsOf(platform) }),
    departed: (platform, target, grantedAt, at) => {
      if (shared.complete === undefined) return;
      const limits = options.limits[platform] ?? FALLBACK_LIMITS;
      // A window over LOG_LIMIT keeps no send times, only the next free one: nothing to move.
      const windows = windowsFor(platform, limits, target).filter((w) => w.limit <= LOG_LIMIT);
      if (windows.length === 0) return;
      moves = moves
        .then(() => shared.complete?.(platform, windows, grantedAt, at))
        .catch((err: unknown) => {
          options.log?.warn(
            { platform, err },
            'could not move a finished send in the rate windows',
          );
        });
    },
  };
}

interface Acquire {
  platform: PlatformName;
  target: Target;
  o: AcquireOptions;
  pausedUntil: ReadonlyMap<PlatformName, number>;
  onGranted: (platform: PlatformName, target: Target, now: number, waited: number) => void;
}

async function acquireShared(
  options: FleetLimiterOptions,
  shared: RateWindowStore,
  a: Acquire,
): Promise<Permit> {
  const limits = options.limits[a.platform] ?? FALLBACK_LIMITS;
  const windows = windowsFor(a.platform, limits, a.target);
  const random = options.random ?? Math.random;
  const start = options.clock.now().getTime();
  for (;;) {
    if (a.o.signal?.aborted === true) throw new DeliveryAbortedError();
    const now = options.clock.now().getTime();
    const local = Math.max(0, (a.pausedUntil.get(a.platform) ?? 0) - now);
    const unlimited = windows.length === 0 && limits.pace === undefined;
    const wait =
      local > 0 || unlimited
        ? local
        : await shared.tryGrant(a.platform, windows, new Date(now), paceOf(limits, random));
    if (wait <= 0) {
      a.onGranted(a.platform, a.target, now, now - start);
      return { ok: true, waitedMs: now - start, grantedAt: now };
    }
    if (a.o.maxWaitMs !== undefined && now + wait - start > a.o.maxWaitMs) {
      return { ok: false, retryAt: new Date(now + wait) };
    }
    await sleepOrAbort(options, wait, a.o.signal);
  }
}

/** The windows a send to `target` must fit, keyed as the in-process limiter keys them. */
export function windowsFor(
  platform: PlatformName,
  limits: PlatformLimits,
  target: Target,
): RateWindowClaim[] {
  const claims: RateWindowClaim[] = [];
  limits.rules.forEach((rule, index) => {
    if (rule.scope === 'group' && target.kind === 'private') return;
    const key =
      rule.scope === 'platform' ? `${platform}:${index}` : `${platform}:${index}:${target.chatId}`;
    claims.push({ key, limit: rule.limit, windowMs: rule.windowMs });
  });
  return claims;
}

function paceOf(limits: PlatformLimits, random: () => number): number {
  const pace = limits.pace;
  return pace === undefined ? 0 : pace.minMs + random() * (pace.maxMs - pace.minMs);
}

async function sleepOrAbort(options: FleetLimiterOptions, ms: number, signal?: AbortSignal) {
  try {
    await options.sleep(ms, signal);
  } catch (err) {
    if (signal?.aborted === true) throw new DeliveryAbortedError();
    throw err;
  }
}

function record(s: LimiterStats, now: number, waited: number): LimiterStats {
  return {
    granted: s.granted + 1,
    waitedMs: s.waitedMs + waited,
    firstGrantAt: s.firstGrantAt ?? new Date(now),
    lastGrantAt: new Date(now),
  };
}

function prune(shared: RateWindowStore, now: number, log: Log | undefined): void {
  shared.prune(new Date(now - KEEP_IDLE_MS)).catch((err: unknown) => {
    log?.warn({ err }, 'could not prune idle rate windows');
  });
}
