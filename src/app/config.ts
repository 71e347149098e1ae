import type { FeedsConfig } from '../ingest/feeds/feeds-config.ts';
import { validate as isValidCron } from 'node-cron';
import { z } from 'zod';
import { LANGUAGES } from '../domain/i18n.ts';
import type { DeliveryConfig } from '../delivery/delivery-config.ts';
import {
  DELIVERY_KEYS,
  deliveryProblems,
  isValidTimeZone,
  toDeliveryConfig,
} from './delivery-keys.ts';
import {
  TELEGRAM_KEYS,
  telegramOperatorIds,
  telegramSection,
  type TelegramConfig,
} from './telegram-config.ts';
import { ConfigError, describeIssue } from './config-errors.ts';
import { OPS_KEYS, opsSection, type OpsConfig } from './ops-config.ts';
import { DISCORD_KEYS, discordSection, type DiscordConfig } from './discord-config.ts';
import { emptyToUndefined } from './env-values.ts';
import { PANEL_KEYS, panelSection, type PanelConfig } from './panel-config.ts';

export { ConfigError } from './config-errors.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const OPERATORS_PATTERN =
  /^\s*((telegram|discord|whatsapp|console):[^,\s]+\s*(,\s*(telegram|discord|whatsapp|console):[^,\s]+\s*)*)?$/;

/** A node-cron expression (5 fields, or 6 with seconds) with its default. */
function cronExpression(fallback: string) {
  return z
    .string()
    .refine(
      (expr) => isValidCron(expr),
      'a cron expression such as */5 * * * * (6 fields: seconds first)',
    )
    .default(fallback);
}

/** Every key Herald reads, with its default. `.env.example` lists the same keys. */
const ConfigSchema = z.object({
  HERALD_DATA_DIR: z.string().min(1).default('data'),
  DATABASE_URL: z.string().min(1).optional(),
  CONTENT_DIR: z.string().min(1).default('content'),
  HERALD_SOURCE_NAME: z.string().min(1).max(100).default('Herald'),
  HERALD_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'a language tag such as en or pt-BR')
    .default('en'),
  HERALD_MAX_FUTURE_SKEW_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  HTTP_HOST: z.string().min(1).max(255).default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  INGEST_SCHEDULE: cronExpression('*/5 * * * *'),
  DISPATCH_SCHEDULE: cronExpression('*/10 * * * * *'),
  HERALD_TIMEZONE: z
    .string()
    .refine(isValidTimeZone, 'an IANA time zone such as Europe/London or UTC')
    .default(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
  SUBSCRIBE_BACKFILL: z.coerce.number().int().min(0).max(10).default(3),
  HERALD_REPLY_LANGUAGE: z.enum(LANGUAGES).default('en'),
  HERALD_CROSS_LANGUAGE: z.stringbool().default(false),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  HERALD_HEARTBEAT_MS: z.coerce.number().int().min(50).max(600_000).default(5000),
  HERALD_OPERATORS: z
    .string()
    .regex(OPERATORS_PATTERN, 'a comma-separated list of <platform>:<user id>')
    .default(''),
  FEEDS_FILE: z.string().min(1).default('feeds.yaml'),
  FEEDS_ALLOW_PRIVATE_HOSTS: z.stringbool().default(false),
  FEEDS_USER_AGENT: z.string().min(1).max(300).default('Herald/0.1 (news bot; feed reader)'),
  FEEDS_TIMEOUT_MS: z.coerce.number().int().min(50).max(300_000).default(20_000),
  FEEDS_MAX_BYTES: z.coerce.number().int().min(1024).max(200_000_000).default(5_000_000),
  FEEDS_PER_HOST_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  FEEDS_FIRST_FETCH_ANNOUNCE: z.coerce.number().int().min(0).max(100).default(3),
  FEEDS_SCHEDULE: cronExpression('*/10 * * * *'),
  FEEDS_STOP_AFTER_404_HOURS: z.coerce.number().min(0).max(8760).default(168),
  ...DELIVERY_KEYS,
  WHATSAPP_ENABLED: z.stringbool().default(false),
  WHATSAPP_AUTH_DIR: z.string().min(1).optional(),
  WHATSAPP_NEWSLETTER_JID: z
    .string()
    .regex(/^\d{5,30}@newsletter$/, 'a WhatsApp Channel id such as 120363012345678901@newsletter')
    .optional(),
  WHATSAPP_OPERATOR_NUMBERS: z
    .string()
    .regex(
      /^\s*(\+?\d{6,15}\s*(,\s*\+?\d{6,15}\s*)*)?$/,
      'a comma-separated list of phone numbers in international form (447700900123)',
    )
    .default(''),
  WHATSAPP_GROUPS_ENABLED: z.stringbool().default(false),
  WHATSAPP_WEB_SOCKET_URL: z.url({ protocol: /^wss?$/, error: 'a ws:// or wss:// URL' }).optional(),
  ...TELEGRAM_KEYS,
  ...DISCORD_KEYS,
  ...OPS_KEYS,
  ...PANEL_KEYS,
});

/** The name of every environment key Herald reads (`.env.example` documents each). */
export const CONFIG_KEYS: readonly string[] = Object.keys(ConfigSchema.shape);

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config extends OpsConfig {
  dataDir: string;
  /** A SQLite file path (the default), or a postgres:// URL (PostgreSQL, for scale-out). */
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  contentDir: string;
  sourceName: string;
  language: string;
  /** A publishedAt further ahead than this is clamped to the ingest time. */
  maxFutureSkewMs: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** The health and metrics endpoint (port 0: any free port). */
  http: { host: string; port: number };
  schedule: ScheduleConfig;
  /** How long shutdown waits for in-flight sends before releasing them. */
  shutdownGraceMs: number;
  /** Stories a chat gets at once when it subscribes (`subscribe --last n` overrides it). */
  subscribeBackfill: number;
  /** The language of replies and posts in a chat that chose none (`language <code>`). */
  replyLanguage: string;
  /** `coverage` and `related` show reports of the event in other languages (off: measured, ADR 0030). */
  crossLanguage: boolean;
  /** A running bot's heartbeat in the store; 3 missed and it is taken for gone (ADR 0019). */
  heartbeatMs: number;
  /** "<platform>:<user id>" of the people who may run operator commands from a chat. */
  operators: string[];
  feeds: FeedsConfig;
  /** The outbox, retries, rate limits and digests (src/delivery). */
  delivery: DeliveryConfig;
  /** Telegram (adapters/telegram), present when TELEGRAM_BOT_TOKEN is set. */
  telegram?: TelegramConfig;
  /** Discord (adapters/discord), present when DISCORD_TOKEN is set. */
  discord?: DiscordConfig;
  /** The operator's web panel (src/panel), present when PANEL_TOKEN is set. */
  panel?: PanelConfig;
  /** WhatsApp (adapters/whatsapp); its pace and daily cap are in `delivery.rates.whatsapp`. */
  whatsapp?: WhatsAppConfig;
}

export interface WhatsAppConfig {
  /** Run the adapter (it also needs a linked account: `herald whatsapp login`). */
  enabled: boolean;
  /** Where baileys keeps the linked account's keys (useMultiFileAuthState). */
  authDir: string;
  /** A WhatsApp Channel (…@newsletter) the linked account administers: every story goes there. */
  newsletterJid?: string;
  /** Phone numbers (digits only) of the operators; also added to `operators`. */
  operatorNumbers: string[];
  /** Answer commands in group chats (ignored when false). */
  groupsEnabled: boolean;
  /** WhatsApp Web's socket (baileys' waWebSocketUrl; unset: baileys' own), a stand-in's in the bench. */
  webSocketUrl?: string;
}

/** The cron jobs of `herald start` (node-cron expressions, read in `timezone`). */
export interface ScheduleConfig {
  ingest: string;
  dispatch: string;
  /**
   * IANA zone the cron expressions are read in (and the console shows times in). Digests need
   * no job of their own: a digest row is due at its digest time and goes out on a dispatch tick.
   */
  timezone: string;
}

/** Parses the environment once, reporting every problem at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const given = emptyToUndefined(env);
  const parsed = ConfigSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => describeIssue(issue, given)));
  }
  const problems = deliveryProblems(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed.data);
}

function toConfig(raw: RawConfig): Config {
  return {
    dataDir: raw.HERALD_DATA_DIR,
    database: databaseOf(raw.DATABASE_URL, raw.HERALD_DATA_DIR),
    contentDir: raw.CONTENT_DIR,
    sourceName: raw.HERALD_SOURCE_NAME,
    language: raw.HERALD_LANGUAGE,
    maxFutureSkewMs: raw.HERALD_MAX_FUTURE_SKEW_MINUTES * 60_000,
    logLevel: raw.LOG_LEVEL,
    http: { host: raw.HTTP_HOST, port: raw.HTTP_PORT },
    schedule: {
      ingest: raw.INGEST_SCHEDULE,
      dispatch: raw.DISPATCH_SCHEDULE,
      timezone: raw.HERALD_TIMEZONE,
    },
    shutdownGraceMs: raw.SHUTDOWN_GRACE_MS,
    subscribeBackfill: raw.SUBSCRIBE_BACKFILL,
    replyLanguage: raw.HERALD_REPLY_LANGUAGE,
    crossLanguage: raw.HERALD_CROSS_LANGUAGE,
    heartbeatMs: raw.HERALD_HEARTBEAT_MS,
    operators: [
      ...raw.HERALD_OPERATORS.split(',')
        .map((o) => o.trim())
        .filter((o) => o !== ''),
      ...whatsappNumbers(raw).map((n) => `whatsapp:${n}`),
      ...telegramOperatorIds(raw).map((id) => `telegram:${id}`),
    ],
    feeds: {
      file: raw.FEEDS_FILE,
      allowPrivateHosts: raw.FEEDS_ALLOW_PRIVATE_HOSTS,
      userAgent: raw.FEEDS_USER_AGENT,
      timeoutMs: raw.FEEDS_TIMEOUT_MS,
      maxBytes: raw.FEEDS_MAX_BYTES,
      perHostConcurrency: raw.FEEDS_PER_HOST_CONCURRENCY,
      firstFetchAnnounce: raw.FEEDS_FIRST_FETCH_ANNOUNCE,
      schedule: raw.FEEDS_SCHEDULE,
      stopAfterNotFoundMs: raw.FEEDS_STOP_AFTER_404_HOURS * 3_600_000,
    },
    delivery: toDeliveryConfig(raw),
    whatsapp: toWhatsAppConfig(raw),
    ...telegramSection(raw),
    ...discordSection(raw),
    ...opsSection(raw),
    ...panelSection(raw),
  };
}

function whatsappNumbers(raw: RawConfig): string[] {
  return raw.WHATSAPP_OPERATOR_NUMBERS.split(',')
    .map((n) => n.trim().replace(/^\+/, ''))
    .filter((n) => n !== '');
}

function toWhatsAppConfig(raw: RawConfig): WhatsAppConfig {
  return {
    enabled: raw.WHATSAPP_ENABLED,
    authDir: raw.WHATSAPP_AUTH_DIR ?? `${raw.HERALD_DATA_DIR}/whatsapp-auth`,
    ...(raw.WHATSAPP_NEWSLETTER_JID === undefined
      ? {}
      : { newsletterJid: raw.WHATSAPP_NEWSLETTER_JID }),
    operatorNumbers: whatsappNumbers(raw),
    groupsEnabled: raw.WHATSAPP_GROUPS_ENABLED,
    ...(raw.WHATSAPP_WEB_SOCKET_URL === undefined
      ? {}
      : { webSocketUrl: raw.WHATSAPP_WEB_SOCKET_URL }),
  };
}

/** DATABASE_URL: postgres:// or postgresql:// selects PostgreSQL; a path or nothing, SQLite. */
function databaseOf(url: string | undefined, dataDir: string): Config['database'] {
  if (url !== undefined && /^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  return { kind: 'sqlite', path: url ?? `${dataDir}/herald.db` };
}
