import { createTelegramPlatform } from '../../adapters/telegram/index.ts';
import { DEFAULT_RATES } from '../../src/delivery/delivery-config.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Target } from '../../src/domain/subscription.ts';
import { createVirtualTime } from './delivery-fakes.ts';
import { createFaultDeliveryRig } from './fault-delivery-rig.ts';
import { createUnansweredCount } from './fault-http.ts';
import { createReceivedLedger, type FaultPlan } from './fault-plan.ts';
import { TelegramStandIn } from './telegram-stand-in.ts';

/** The client's timeout in the suite (real ms) and how long a slow answer is held back. */
export const TELEGRAM_FAULT_TIMEOUT_MS = 2500;
const SLOW_MS = 3000;

/**
 * Telegram under faults: the stand-in Bot API (its rate windows on the virtual clock) answers
 * send calls with the plan's faults; the real adapter (real telegraf) sends through the real
 * dispatcher and a SQLite outbox.
 */
export async function startTelegramFaultRig(plan: FaultPlan) {
  const time = createVirtualTime(new Date('2026-06-01T07:00:00Z'));
  const unanswered = createUnansweredCount();
  const standIn = new TelegramStandIn({
    now: () => time.clock.now().getTime(),
    faults: { next: plan.next, retryAfterSec: 2, slowMs: SLOW_MS, stored: unanswered.watch },
  });
  const platform = createTelegramPlatform({
    token: standIn.token,
    apiRoot: await standIn.listen(),
    timeZone: 'UTC',
    log: silentLog,
    receive: false,
    sendTimeoutMs: TELEGRAM_FAULT_TIMEOUT_MS,
  });
  await platform.start({ handleText: () => Promise.resolve(undefined) });
  const rig = createFaultDeliveryRig({ platform, time, config: { rates: DEFAULT_RATES } });
  return {
    /** Stored messages whose answer never finished: the measured in-flight window. */
    unanswered: unanswered.count,
    standIn,
    platform,
    rig,
    /** A private chat the stand-in knows, subscribed. */
    reader: (id: number) => {
      standIn.privateChat({ id, is_bot: false, first_name: `reader ${id}` });
      const target: Target = { platform: 'telegram', chatId: String(id), kind: 'private' };
      return rig.subscribe(target);
    },
    /** What the stand-in stored, per (chat id, title): the first line of each message. */
    ledger: () => {
      const ledger = createReceivedLedger();
      for (const m of standIn.messages) {
        ledger.add(String(m.chat.id), (m.text ?? m.caption ?? '').split('\n')[0] ?? '');
      }
      return ledger;
    },
    /** Send calls answered with a chat's permanent fault. */
    doomedCalls: (chatIds: readonly number[]) =>
      standIn.calls.filter((c) => c.status >= 400 && chatIds.includes(Number(c.body.chat_id)))
        .length,
    stop: async () => {
      await rig.stop();
      await platform.stop();
      await standIn.close();
    },
  };
}
