import { limitsFromConfig } from '../src/delivery/platform-limits.ts';
import { createRateLimiter } from '../src/delivery/rate-limiter.ts';
import { realSleep } from '../src/delivery/sleep.ts';
import { systemClock } from '../src/domain/clock.ts';
import type { Target } from '../src/domain/subscription.ts';
import { benchConfig } from './fan-out.ts';
import type { Results } from './figures.ts';
import { maxInWindow } from './stats.ts';

const S = '5 limiter';

/**
 * Herald's limiter alone, on the real clock, for `seconds`: `workers` senders acquire for
 * distinct chats as fast as it lets them (no network). Achieved rate over the configured one
 * (goal >= 0.95), and the most grants seen in any one-second window over the limit (<= 1).
 */
export async function benchLimiter(
  results: Results,
  perSec: number,
  seconds: number,
  workers = 16,
) {
  const grants: number[] = [];
  const limiter = createRateLimiter({
    limits: limitsFromConfig(benchConfig(perSec).rates),
    clock: systemClock,
    sleep: realSleep,
    onGrant: (_p, _t, at) => grants.push(at.getTime()),
  });
  const until = Date.now() + seconds * 1000;
  let chat = 0;
  const worker = async () => {
    while (Date.now() < until) {
      const target: Target = { platform: 'telegram', chatId: `${(chat += 1)}`, kind: 'private' };
      await limiter.acquire('telegram', target);
    }
  };
  await Promise.all(Array.from({ length: workers }, worker));
  const first = grants[0] ?? 0;
  const span = (grants.at(-1) ?? first) - first;
  // Steady state: after the first window (whose burst a sliding window allows) to the end.
  const steady = grants.filter((t) => t >= first + 1000).length / ((span - 1000) / 1000);
  results.add(
    S,
    `achieved / configured (${perSec}/s, ${seconds} s, steady state)`,
    steady / perSec,
    'ratio',
    { op: '>=', value: 0.95 },
  );
  results.add(
    S,
    'most grants in any 1 s window / limit',
    maxInWindow(grants, 1000) / perSec,
    'ratio',
    { op: '<=', value: 1 },
  );
}
