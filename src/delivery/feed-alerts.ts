import type { Clock } from '../domain/clock.ts';
import type { Log } from '../domain/log.ts';
import type { Platform } from '../domain/platform.ts';
import type { Target } from '../domain/subscription.ts';
import type { FeedHealth, FeedHealthStore } from '../store/feed-health-store.ts';

/** One feed's poll, as the alerts and the metrics see it. */
export interface FeedOutcome {
  feedUrl: string;
  outcome: 'ok' | 'not_modified' | 'failed';
  error?: string;
}

export interface FeedAlertDeps {
  store: FeedHealthStore;
  platforms: readonly Platform[];
  /** Where the operators are written to (see operator-targets.ts). */
  targets: readonly Target[];
  /** A feed failing this long alerts (FEEDS_ALERT_AFTER). */
  afterMs: number;
  clock: Clock;
  log: Log;
}

/**
 * Tells the operators, once, when a feed has failed for `afterMs`, and once more when it
 * works again. What was told is kept in the store, so a restart (or another process of a
 * fleet) neither repeats an alert nor forgets a recovery.
 */
export function createFeedAlerts(
  deps: FeedAlertDeps,
): (outcomes: readonly FeedOutcome[]) => Promise<void> {
  return async (outcomes) => {
    for (const outcome of outcomes) {
      const known = (await deps.store.getFeedHealth(outcome.feedUrl)) ?? { url: outcome.feedUrl };
      await deps.store.saveFeedHealth(await next(deps, known, outcome));
    }
  };
}

async function next(
  deps: FeedAlertDeps,
  known: FeedHealth,
  outcome: FeedOutcome,
): Promise<FeedHealth> {
  const now = deps.clock.now();
  if (outcome.outcome !== 'failed') {
    const recovered = { url: known.url, lastSuccessAt: now };
    if (known.alertedAt === undefined) return recovered;
    const since = known.failingSince ?? known.alertedAt;
    const text = `Feed ${known.url} works again (it failed for ${duration(now.getTime() - since.getTime())}).`;
    // Not told anywhere (no platform could send): told again at the next poll.
    return (await tell(deps, text, known.url)) ? recovered : { ...known, lastSuccessAt: now };
  }
  const failing: FeedHealth = {
    ...known,
    failingSince: known.failingSince ?? now,
    lastError: outcome.error ?? 'failed',
  };
  const failedFor = now.getTime() - (failing.failingSince ?? now).getTime();
  if (known.alertedAt !== undefined || failedFor < deps.afterMs) return failing;
  const last =
    known.lastSuccessAt === undefined
      ? 'never read'
      : `last read ${known.lastSuccessAt.toISOString()}`;
  const text =
    `Feed ${known.url} has failed for ${duration(failedFor)} (${last}): ${failing.lastError}. ` +
    'Herald keeps polling it; `herald feeds` shows its state. You will hear when it works again.';
  return (await tell(deps, text, known.url)) ? { ...failing, alertedAt: now } : failing;
}

/** Sends `text` to every operator chat; true when at least one took it. */
async function tell(deps: FeedAlertDeps, text: string, feed: string): Promise<boolean> {
  let told = 0;
  for (const target of deps.targets) {
    const platform = deps.platforms.find((p) => p.name === target.platform);
    if (platform === undefined) continue;
    const result = await platform.send(target, { kind: 'notice', text });
    if (result.kind === 'sent') told += 1;
    else deps.log.warn({ feed, platform: target.platform, outcome: result }, 'feed alert not sent');
  }
  if (told > 0) deps.log.info({ feed, operators: told }, 'operators told about a feed');
  return told > 0;
}

/** "26 h", "3 d 4 h", "45 min". */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 72) return `${hours} h`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
