/** Per-platform rate settings (the platforms' documented limits are the defaults). */
export interface RateConfig {
  telegram: { globalPerSec: number; perChatPerSec: number; perGroupPerMin: number };
  discord: { globalPerSec: number; perChannelPer5s: number };
  whatsapp: { paceMinMs: number; paceMaxMs: number; dailyCap: number };
}

/** How the outbox is worked off. `loadConfig` fills it from the DELIVERY_* keys. */
export interface DeliveryConfig {
  /** Failed attempts (5xx, timeouts) before a row is dead. */
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long a claimed row stays leased before another dispatcher may take it. */
  leaseMs: number;
  /**
   * A send with no answer by then is a transient failure. At most half the lease, so that a
   * send (after its wait for the rate limiter, at most a quarter) never outlives its lease.
   */
  sendTimeoutMs: number;
  /** Sends in flight at once per platform (each to a different chat). */
  maxInFlight: number;
  /** Follow-ups per event and subscription in a rolling day, on `event+updates` (ADR 0025). */
  followUpsPerEventDay: number;
  /** IANA zone of the subscriptions' digest times. */
  digestTimezone: string;
  rates: RateConfig;
}

export const DEFAULT_RATES = {
  telegram: { globalPerSec: 30, perChatPerSec: 1, perGroupPerMin: 20 },
  discord: { globalPerSec: 50, perChannelPer5s: 5 },
  whatsapp: { paceMinMs: 3000, paceMaxMs: 8000, dailyCap: 200 },
} as const satisfies Required<RateConfig>;

export const DEFAULT_DELIVERY_CONFIG = {
  maxAttempts: 8,
  backoffBaseMs: 2000,
  backoffMaxMs: 3_600_000,
  leaseMs: 60_000,
  sendTimeoutMs: 20_000,
  maxInFlight: 8,
  followUpsPerEventDay: 3,
  digestTimezone: 'UTC',
  rates: DEFAULT_RATES,
} as const satisfies Required<DeliveryConfig>;
