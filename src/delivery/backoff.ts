export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
}

/**
 * The wait before retry number `attempt` (1 = after the first failure): exponential, capped,
 * with "equal jitter" (half fixed, half random) so a storm's retries spread out.
 */
export function backoffDelay(
  attempt: number,
  settings: BackoffSettings,
  random: () => number = Math.random,
): number {
  const exp = settings.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 40));
  const capped = Math.min(settings.maxMs, exp);
  return Math.round(capped / 2 + random() * (capped / 2));
}
