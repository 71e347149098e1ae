import { z } from 'zod';
import { DEFAULT_DELIVERY_CONFIG, type DeliveryConfig } from '../delivery/delivery-config.ts';

/** The DELIVERY_* keys and each platform's rate keys (config.ts spreads them in). */
export const DELIVERY_KEYS = {
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  DELIVERY_BACKOFF_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(2000),
  DELIVERY_BACKOFF_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(3_600_000),
  DELIVERY_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  DELIVERY_SEND_TIMEOUT_MS: z.coerce.number().int().min(50).max(1_800_000).optional(),
  DELIVERY_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(8),
  DELIVERY_FOLLOWUPS_PER_EVENT_DAY: z.coerce.number().int().min(0).max(100).default(3),
  TELEGRAM_RATE_GLOBAL_PER_SEC: z.coerce.number().int().min(1).max(10_000).default(30),
  TELEGRAM_RATE_PER_CHAT_PER_SEC: z.coerce.number().int().min(1).max(10_000).default(1),
  TELEGRAM_RATE_PER_GROUP_PER_MIN: z.coerce.number().int().min(1).max(600_000).default(20),
  DISCORD_RATE_GLOBAL_PER_SEC: z.coerce.number().int().min(1).max(10_000).default(50),
  DISCORD_RATE_PER_CHANNEL_PER_5S: z.coerce.number().int().min(1).max(50_000).default(5),
  WHATSAPP_PACE_MIN_MS: z.coerce.number().int().min(0).max(600_000).default(3000),
  WHATSAPP_PACE_MAX_MS: z.coerce.number().int().min(0).max(600_000).default(8000),
  WHATSAPP_DAILY_CAP: z.coerce.number().int().min(1).max(1_000_000).default(200),
  DIGEST_TIMEZONE: z
    .string()
    .refine(isValidTimeZone, 'an IANA time zone such as UTC or Europe/Berlin')
    .optional(),
};

type DeliveryRaw = z.infer<z.ZodObject<typeof DELIVERY_KEYS>>;

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function toDeliveryConfig(raw: DeliveryRaw & { HERALD_TIMEZONE: string }): DeliveryConfig {
  return {
    maxAttempts: raw.DELIVERY_MAX_ATTEMPTS,
    backoffBaseMs: raw.DELIVERY_BACKOFF_BASE_MS,
    backoffMaxMs: raw.DELIVERY_BACKOFF_MAX_MS,
    leaseMs: raw.DELIVERY_LEASE_MS,
    sendTimeoutMs:
      raw.DELIVERY_SEND_TIMEOUT_MS ??
      Math.min(DEFAULT_DELIVERY_CONFIG.sendTimeoutMs, safeSendTimeout(raw.DELIVERY_LEASE_MS)),
    maxInFlight: raw.DELIVERY_MAX_IN_FLIGHT,
    followUpsPerEventDay: raw.DELIVERY_FOLLOWUPS_PER_EVENT_DAY,
    digestTimezone: raw.DIGEST_TIMEZONE ?? raw.HERALD_TIMEZONE,
    rates: {
      telegram: {
        globalPerSec: raw.TELEGRAM_RATE_GLOBAL_PER_SEC,
        perChatPerSec: raw.TELEGRAM_RATE_PER_CHAT_PER_SEC,
        perGroupPerMin: raw.TELEGRAM_RATE_PER_GROUP_PER_MIN,
      },
      discord: {
        globalPerSec: raw.DISCORD_RATE_GLOBAL_PER_SEC,
        perChannelPer5s: raw.DISCORD_RATE_PER_CHANNEL_PER_5S,
      },
      whatsapp: {
        paceMinMs: raw.WHATSAPP_PACE_MIN_MS,
        paceMaxMs: Math.max(raw.WHATSAPP_PACE_MIN_MS, raw.WHATSAPP_PACE_MAX_MS),
        dailyCap: raw.WHATSAPP_DAILY_CAP,
      },
    },
  };
}

/** The longest send a lease of `leaseMs` allows: half of it (the limiter may wait a quarter). */
function safeSendTimeout(leaseMs: number): number {
  return Math.floor(leaseMs / 2);
}

/** A send timeout that could outlive its lease, named with both keys; empty when it is safe. */
export function deliveryProblems(raw: DeliveryRaw): string[] {
  const timeout = raw.DELIVERY_SEND_TIMEOUT_MS;
  const most = safeSendTimeout(raw.DELIVERY_LEASE_MS);
  if (timeout === undefined || timeout <= most) return [];
  return [
    `DELIVERY_SEND_TIMEOUT_MS: ${timeout} ms is not safely below DELIVERY_LEASE_MS ` +
      `(${raw.DELIVERY_LEASE_MS} ms): a send may take at most half the lease (${most} ms), or ` +
      'another dispatcher takes its row while it is still on the wire and sends it twice; ' +
      'lower DELIVERY_SEND_TIMEOUT_MS (or leave it unset: it is derived), or raise DELIVERY_LEASE_MS',
  ];
}
