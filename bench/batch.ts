import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DispatchTally } from '../src/delivery/dispatcher.ts';
import { createFanOut } from '../src/delivery/fan-out.ts';
import { realSleep } from '../src/delivery/sleep.ts';
import { systemClock } from '../src/domain/clock.ts';
import type { Platform } from '../src/domain/platform.ts';
import type { Reply } from '../src/domain/reply.ts';
import { openStore } from '../src/store/open-store.ts';
import { benchDispatcher, inFlightFor, seed } from './fan-out.ts';
import type { Results } from './figures.ts';
import { httpPlatform } from './http-platform.ts';
import { startStandInProcess } from './stand-in.ts';

const S = '5 fan-out';
export const BATCH_STORIES = 5;

/**
 * Issue 23 point 4, stories per second: 5 stories waiting for each of `chats` chats, sent
 * through the real fan-out and dispatcher to the stand-in (Herald's limiter and the stand-in
 * at `perSec` messages a second, one message a second per chat, sends of 50 +/- 20 ms). With
 * batching (the default) and, in the same run, with every subscription on `batch off` (the
 * plain version): chat x story deliveries a second over the message limit, 429s, and each
 * (chat, story) acknowledged exactly once.
 */
export async function benchBatch(results: Results, chats: number, perSec: number) {
  for (const batch of [true, false]) await batchRun(results, chats, perSec, batch);
}

async function batchRun(results: Results, chats: number, perSec: number, batch: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'herald-bench-batch-'));
  const standIn = await startStandInProcess(perSec, true);
  let report: { arrivals: number[]; tooMany: number } | undefined;
  const inFlight = inFlightFor(perSec, 70);
  const platform = httpPlatform(standIn.url, inFlight);
  const acked = new Map<string, number>();
  const counting: Platform = {
    ...platform,
    send: async (target, reply) => {
      const outcome = await platform.send(target, reply);
      if (outcome.kind !== 'sent') return outcome;
      for (const id of storyIds(reply)) {
        const key = `${target.chatId}/${id}`;
        acked.set(key, (acked.get(key) ?? 0) + 1);
      }
      return outcome;
    },
  };
  const what = `${chats.toLocaleString('en-US')} chats x ${BATCH_STORIES} stories, ${batch ? 'batched' : 'batch off'}`;
  try {
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'herald.db') });
    const stories = await seed(store, chats, BATCH_STORIES);
    if (!batch) {
      for (const sub of await store.subscriptions.listSubscriptions({ active: true }))
        await store.subscriptions.updateSubscription(
          sub.id,
          { preferences: { batch } },
          new Date(),
        );
    }
    const fanOut = createFanOut({ ...store, clock: systemClock, digestTimezone: 'UTC' });
    await fanOut.enqueueStories(stories);
    const dispatcher = benchDispatcher(store, counting, perSec, inFlight);
    await platform.warm();
    const t = performance.now();
    const tally = await runUntilDone(() => dispatcher.runOnce(), store.outbox);
    const seconds = (performance.now() - t) / 1000;
    report = await standIn.report();
    const deliveries = [...acked.values()].reduce((n, c) => n + c, 0);
    const perSecond = deliveries / seconds;
    results.add(
      S,
      `chat x story deliveries a second / message limit (${perSec}/s), ${what}`,
      perSecond / perSec,
      'ratio',
      batch ? { op: '>=', value: 4 } : undefined,
    );
    results.add(S, `429s received, ${what}`, report.tooMany, 'count', { op: '<=', value: 0 });
    const wrong = chats * BATCH_STORIES - [...acked.values()].filter((c) => c === 1).length;
    results.add(S, `chat x story not acknowledged exactly once, ${what}`, wrong, 'count', {
      op: '<=',
      value: 0,
    });
    results.note(
      S,
      `${what}: ${deliveries} deliveries in ${report.arrivals.length} messages over ${seconds.toFixed(2)} s (${perSecond.toFixed(0)} a second); dispatcher tally ${JSON.stringify(tally)}`,
    );
    await store.close();
  } finally {
    platform.close();
    if (report === undefined) await standIn.report();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Dispatch passes until the outbox holds nothing open (a 429's wait would need a second). */
async function runUntilDone(
  runOnce: () => Promise<DispatchTally>,
  outbox: { waiting(): Promise<{ deliveries: number }> },
): Promise<DispatchTally> {
  const total: DispatchTally = { sent: 0, retried: 0, failed: 0, rejected: 0, invalid: 0, dead: 0 };
  for (let pass = 0; pass < 100; pass += 1) {
    const tally = await runOnce();
    for (const key of Object.keys(total) as (keyof DispatchTally)[]) total[key] += tally[key];
    if ((await outbox.waiting()).deliveries === 0) return total;
    await realSleep(50);
  }
  return total;
}

function storyIds(reply: Reply): string[] {
  if (reply.kind === 'card') return [reply.card.id];
  return reply.kind === 'cards' ? reply.cards.map((c) => c.id) : [];
}
