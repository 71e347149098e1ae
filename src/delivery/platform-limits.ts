import type { PlatformName } from '../domain/subscription.ts';
import type { RateConfig } from './delivery-config.ts';

/**
 * At most `limit` sends in any `windowMs`: across the platform, per chat, or per group or
 * channel (a rule with scope "group" skips private chats).
 */
export interface WindowRule {
  scope: 'platform' | 'chat' | 'group';
  limit: number;
  windowMs: number;
}

export interface PlatformLimits {
  rules: readonly WindowRule[];
  /** A gap drawn uniformly from [minMs, maxMs] after each send (WhatsApp's human pace). */
  pace?: { minMs: number; maxMs: number };
}

export type LimitsByPlatform = Partial<Record<PlatformName, PlatformLimits>>;

const DAY_MS = 86_400_000;

/** The limits each platform gets from config; the console is unlimited. */
export function limitsFromConfig(rates: RateConfig): LimitsByPlatform {
  const { telegram, discord, whatsapp } = rates;
  return {
    telegram: {
      rules: [
        { scope: 'platform', limit: telegram.globalPerSec, windowMs: 1000 },
        { scope: 'chat', limit: telegram.perChatPerSec, windowMs: 1000 },
        { scope: 'group', limit: telegram.perGroupPerMin, windowMs: 60_000 },
      ],
    },
    discord: {
      rules: [
        { scope: 'platform', limit: discord.globalPerSec, windowMs: 1000 },
        { scope: 'chat', limit: discord.perChannelPer5s, windowMs: 5000 },
      ],
    },
    whatsapp: {
      rules: [{ scope: 'platform', limit: whatsapp.dailyCap, windowMs: DAY_MS }],
      pace: { minMs: whatsapp.paceMinMs, maxMs: whatsapp.paceMaxMs },
    },
    console: { rules: [] },
  };
}

/** For a platform missing from the table: one message a second, one chat at a time. */
export const FALLBACK_LIMITS: PlatformLimits = {
  rules: [{ scope: 'platform', limit: 1, windowMs: 1000 }],
};
