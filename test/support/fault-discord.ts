import { createDiscordPlatform } from '../../adapters/discord/index.ts';
import { DEFAULT_RATES } from '../../src/delivery/delivery-config.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Platform } from '../../src/domain/platform.ts';
import { CHANNEL_TYPES, startDiscordStandIn } from './discord-stand-in.ts';
import { createFaultDeliveryRig } from './fault-delivery-rig.ts';
import { createUnansweredCount } from './fault-http.ts';
import { createReceivedLedger, type FaultPlan } from './fault-plan.ts';
import { createVirtualTime } from './delivery-fakes.ts';

/** discord.js's REST timeout in the suite (real ms), and how long a slow answer is held. */
const TIMEOUT_MS = 2500;
const SLOW_MS = 3000;

export const channelId = (i: number) => String(1_300_000_000_000_000_000n + BigInt(i));

/**
 * Discord under faults: the stand-in (REST + a resumable gateway) answers message posts with
 * the plan's faults; the real adapter (real discord.js, gateway client and REST) sends
 * through the real dispatcher and a SQLite outbox. The stand-in's 429s (2 s) go to the core
 * as `retry` (longRateLimitMs 1 s) and are waited on virtual time; discord.js's own global
 * limit (50/s, real time) is waited out by discord.js, as in production.
 */
export async function startDiscordFaultRig(plan: FaultPlan, channels: number) {
  const list = Array.from({ length: channels }, (_, i) => ({
    id: channelId(i),
    name: `news-${i}`,
    type: CHANNEL_TYPES.text,
  }));
  const unanswered = createUnansweredCount();
  const standIn = await startDiscordStandIn({
    channels: list,
    resumable: true,
    heartbeatIntervalMs: 200,
    faults: { next: plan.next, retryAfterSec: 2, slowMs: SLOW_MS, stored: unanswered.watch },
  });
  const platform: Platform = createDiscordPlatform({
    token: standIn.token,
    applicationId: standIn.applicationId,
    guildId: standIn.guild.id,
    apiRoot: standIn.apiRoot,
    log: silentLog,
    longRateLimitMs: 1000,
    requestTimeoutMs: TIMEOUT_MS,
  });
  await platform.start({ handleText: () => Promise.resolve(undefined) });
  const time = createVirtualTime(new Date('2026-06-01T07:00:00Z'));
  const rig = createFaultDeliveryRig({ platform, time, config: { rates: DEFAULT_RATES } });
  return {
    /** Stored messages whose answer never finished: the measured in-flight window. */
    unanswered: unanswered.count,
    standIn,
    platform,
    rig,
    subscribe: (id: string) => rig.subscribe({ platform: 'discord', chatId: id, kind: 'channel' }),
    /** What reached each channel, per (channel, embed title). */
    ledger: () => {
      const ledger = createReceivedLedger();
      for (const m of standIn.messages) {
        if (m.kind === 'channel') ledger.add(m.where, m.body.embeds?.[0]?.title ?? '');
      }
      return ledger;
    },
    stop: async () => {
      await rig.stop();
      await platform.stop();
      await standIn.close();
    },
  };
}
