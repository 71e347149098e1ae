import { z } from 'zod';

/** A duration such as 24h, 90m, 2d or 1.5h; a bare number is hours. */
const DURATION = /^(\d+(?:\.\d+)?)\s*(m|h|d)?$/i;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

function durationMs(text: string): number {
  const match = DURATION.exec(text.trim());
  const unit = (match?.[2]?.toLowerCase() ?? 'h') as keyof typeof UNIT_MS;
  return Number(match?.[1]) * UNIT_MS[unit];
}

/** The keys of running Herald as a service: log format, flood guard, feed alerts. */
export const OPS_KEYS = {
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  CONTENT_FIRST_ANNOUNCE: z.coerce.number().int().min(0).max(1000).default(3),
  CONTENT_FLOOD_THRESHOLD: z.coerce.number().int().min(0).max(1_000_000).default(20),
  FEEDS_ALERT_AFTER: z
    .string()
    .regex(DURATION, 'a duration such as 24h, 90m or 2d')
    .refine((text) => durationMs(text) >= 60_000, 'a duration of at least 1m')
    .default('24h'),
};

type OpsRaw = z.infer<z.ZodObject<typeof OPS_KEYS>>;

export interface OpsConfig {
  /** pretty: human-readable lines; json: one object a line; auto: pretty on a terminal. */
  logFormat: 'auto' | 'pretty' | 'json';
  /** The content ingest's flood guard (src/ingest/announce-policy.ts). */
  content: {
    /** How many of the newest new stories are announced when the guard applies. */
    firstAnnounce: number;
    /** More new stories than this at once, and the guard applies. */
    floodThreshold: number;
  };
  /** A feed failing this long alerts the operators (once), and its recovery too. */
  feedAlertAfterMs: number;
}

export function opsSection(raw: OpsRaw): OpsConfig {
  return {
    logFormat: raw.LOG_FORMAT,
    content: {
      firstAnnounce: raw.CONTENT_FIRST_ANNOUNCE,
      floodThreshold: raw.CONTENT_FLOOD_THRESHOLD,
    },
    feedAlertAfterMs: durationMs(raw.FEEDS_ALERT_AFTER),
  };
}
