import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DELIVERY_CONFIG } from '../src/delivery/delivery-config.ts';
import { createDispatcher } from '../src/delivery/dispatcher.ts';
import { createFanOut } from '../src/delivery/fan-out.ts';
import { limitsFromConfig } from '../src/delivery/platform-limits.ts';
import { createRateLimiter } from '../src/delivery/rate-limiter.ts';
import { realSleep } from '../src/delivery/sleep.ts';
import { systemClock } from '../src/domain/clock.ts';
import { silentLog } from '../src/domain/log.ts';
import type { Platform } from '../src/domain/platform.ts';
import { EMPTY_FILTERS } from '../src/domain/subscription.ts';
import { openStore, type OpenedStore } from '../src/store/open-store.ts';
import type { Results } from './figures.ts';
import { generateStories } from './generate.ts';
import { httpPlatform } from './http-platform.ts';
import { cleanRaw } from './ingest-harness.ts';
import { startStandInProcess } from './stand-in.ts';
import { cpuMs, maxInWindow } from './stats.ts';
import { toDraft } from '../src/ingest/draft.ts';
import { createTextEngine, DEFAULT_TEXT_ENGINE_OPTIONS } from '../src/text/engine.ts';
import { prepareText } from '../src/text/prepared-text.ts';

const S = '5 fan-out';

/** The bench's raised Telegram limits: `perSec` overall, one chat never twice a second. */
/** A dispatcher of the bench: one Telegram platform at `perSec`, `inFlight` sends at once. */
export function benchDispatcher(
  store: OpenedStore,
  platform: Platform,
  perSec: number,
  inFlight: number,
) {
  const config = { ...benchConfig(perSec), maxInFlight: inFlight };
  const limiter = createRateLimiter({
    limits: limitsFromConfig(config.rates),
    clock: systemClock,
    sleep: realSleep,
  });
  return createDispatcher({
    ...store,
    platforms: new Map([['telegram', platform]]),
    limiter,
    clock: systemClock,
    log: silentLog,
    config,
  });
}

export function benchConfig(perSec: number) {
  return {
    ...DEFAULT_DELIVERY_CONFIG,
    rates: {
      ...DEFAULT_DELIVERY_CONFIG.rates,
      telegram: { globalPerSec: perSec, perChatPerSec: 1, perGroupPerMin: 20 },
    },
  };
}

/** `subscribers` chats, and `count` generated stories stored unannounced. */
export async function seed(store: OpenedStore, subscribers: number, count = 1) {
  const now = systemClock.now();
  store.sqlite?.exec('BEGIN');
  for (let c = 0; c < subscribers; c += 1) {
    const target = {
      platform: 'telegram' as const,
      chatId: `${100_000 + c}`,
      kind: 'private' as const,
    };
    const input = { target, filters: EMPTY_FILTERS, mode: { kind: 'instant' as const } };
    await store.subscriptions.saveSubscription({ ...input, createdBy: 'operator' }, now);
  }
  store.sqlite?.exec('COMMIT');
  const stories = [];
  for (const raw of generateStories(count)) {
    const parsed = cleanRaw(raw);
    const date = { publishedAt: now, dateEstimated: false };
    const { summarySentences } = DEFAULT_TEXT_ENGINE_OPTIONS;
    const text = prepareText({ title: parsed.title, body: parsed.body }, summarySentences);
    const enrichment = createTextEngine().enrich(text);
    const settings = { sourceName: 'Bench', language: 'en', maxFutureSkewMs: 0 };
    const draft = toDraft(parsed, date, enrichment, settings);
    stories.push((await store.stories.upsertStory(draft, now, { announce: false })).story);
  }
  return stories;
}

/**
 * The least time, first send to last, that `n` sends can take under "at most `perSec` in any
 * second" (the stand-in's sliding window): a full second's worth at once, then the next a
 * second later, and so on. Achieved / allowed is this over the time the sends took: the
 * achieved rate over the highest rate the limit allows for that many sends. (A plain
 * (n - 1) / span would count the first second's burst as speed and can pass 1.)
 */
export function idealSeconds(n: number, perSec: number): number {
  return Math.max(0, Math.ceil(n / perSec) - 1);
}

/**
 * Where a run's time went, from when each send left (ascending): the ramp (the first `perSec`
 * sends, which the least time counts as leaving at once) and the mean lag of a send behind
 * the one `perSec` before it plus 1 s (the sliding window's slot coming back late), and that
 * lag for the last send of each second's worth alone: the run's end is the first second's last
 * send plus that chain of lags.
 */
export function lossOf(sent: readonly number[], perSec: number) {
  const rampMs = (sent[perSec - 1] ?? Number.NaN) - (sent[0] ?? Number.NaN);
  const lagOf = (k: number) => (sent[k] ?? 0) - (sent[k - perSec] ?? 0) - 1000;
  let lag = 0;
  let last = 0;
  for (let k = perSec; k < sent.length; k += 1) {
    lag += lagOf(k);
    if (k % perSec === perSec - 1) last += lagOf(k);
  }
  const seconds = Math.floor(sent.length / perSec) - 1;
  return {
    rampMs,
    slotLagMs: lag / Math.max(1, sent.length - perSec),
    lastLagMs: last / Math.max(1, seconds),
  };
}

/** Sends in flight at once: enough for the rate at 50 ms +/- 20 ms a send, and some. */
export function inFlightFor(perSec: number, sendMs: number): number {
  return Math.max(DEFAULT_DELIVERY_CONFIG.maxInFlight, Math.ceil((perSec * sendMs * 2) / 1000));
}

/**
 * One story to `subscribers` chats through the real fan-out and dispatcher, Herald's limiter
 * and the stand-in both at `perSec`, the stand-in answering at once or after 50 ms +/- 20 ms
 * (`slow`): the achieved rate over the allowed one, 429s, and the most messages the stand-in
 * took in any one second over the limit.
 */
export async function benchFanOut(
  results: Results,
  subscribers: number,
  perSec: number,
  slow: boolean,
) {
  const dir = mkdtempSync(join(tmpdir(), 'herald-bench-fan-out-'));
  const standIn = await startStandInProcess(perSec, slow);
  let report: { arrivals: number[]; tooMany: number } | undefined;
  const inFlight = inFlightFor(perSec, slow ? 70 : 0);
  const platform = httpPlatform(standIn.url, inFlight);
  const sends = slow ? 'sends of 50 +/- 20 ms' : 'instant sends';
  try {
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'herald.db') });
    const [story] = await seed(store, subscribers);
    const fanOut = createFanOut({ ...store, clock: systemClock, digestTimezone: 'UTC' });
    const t = performance.now();
    const { enqueued } = story === undefined ? { enqueued: 0 } : await fanOut.enqueueStory(story);
    if (!slow)
      results.add(
        S,
        `enqueue 1 story to ${subscribers.toLocaleString('en-US')} subscribers`,
        performance.now() - t,
        'ms',
      );
    const dispatcher = benchDispatcher(store, platform, perSec, inFlight);
    await platform.warm();
    const cpu = cpuMs();
    const tally = await dispatcher.runOnce();
    const cpuSpent = (cpuMs() - cpu) / 1000;
    report = await standIn.report();
    const accepted = report.arrivals;
    const seconds = ((accepted.at(-1) ?? 0) - (accepted[0] ?? 0)) / 1000;
    results.add(
      S,
      `achieved / allowed (${perSec}/s), ${accepted.length} ${sends}`,
      idealSeconds(accepted.length, perSec) / seconds,
      'ratio',
      { op: '>=', value: 0.98 },
    );
    results.add(S, `429s received, ${sends}`, report.tooMany, 'count', { op: '<=', value: 0 });
    results.add(
      S,
      `most sent in any 1 s / limit, ${sends}`,
      maxInWindow(platform.sent, 1000) / perSec,
      'ratio',
      { op: '<=', value: 1 },
    );
    const { rampMs, slotLagMs, lastLagMs } = lossOf(platform.sent, perSec);
    results.note(
      S,
      `${sends}: where the time went: the first second's worth (${perSec}) took ${rampMs.toFixed(0)} ms to leave with ${inFlight} in flight, then each send left on average ${slotLagMs.toFixed(1)} ms more than 1 s after the send ${perSec} before it, the last of each second's worth ${lastLagMs.toFixed(1)} ms (the limiter's count of a send past its departure, timers, the store between grant and send)`,
    );
    results.note(
      S,
      `${sends}: ${enqueued} rows, ${inFlight} in flight; dispatcher tally ${JSON.stringify(tally)}; ${seconds.toFixed(2)} s first to last arrival, ${cpuSpent.toFixed(2)} s CPU in this process (the stand-in runs in its own); at the stand-in, the most taken in any 1 s was ${(maxInWindow(accepted, 1000) / perSec).toFixed(3)} of the limit (arrivals carry the way's jitter, which it forgives up to 20 ms)`,
    );
    await store.close();
  } finally {
    platform.close();
    if (report === undefined) await standIn.report();
    rmSync(dir, { recursive: true, force: true });
  }
}
