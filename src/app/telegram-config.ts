import { z } from 'zod';

/** The TELEGRAM_* keys of the environment (the rate keys live with the delivery keys). */
export const TELEGRAM_KEYS = {
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d{3,20}:[\w-]{20,100}$/, 'the token @BotFather gave, such as 123456789:AAE...')
    .optional(),
  TELEGRAM_CHANNEL_ID: z
    .string()
    .regex(/^(@[A-Za-z]\w{3,31}|-100\d{5,20})$/, 'a channel as @name or -100... (its id)')
    .optional(),
  TELEGRAM_OPERATOR_IDS: z
    .string()
    .regex(/^\s*(\d{1,20}\s*(,\s*\d{1,20}\s*)*)?$/, 'a comma-separated list of Telegram user ids')
    .default(''),
  TELEGRAM_API_ROOT: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL such as https://api.telegram.org' })
    .default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_URL: z
    .url({ protocol: /^https$/, error: 'the public https URL Telegram posts updates to' })
    .optional(),
  TELEGRAM_WEBHOOK_PORT: z.coerce.number().int().min(1).max(65_535).default(8443),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[\w-]{1,256}$/, '1-256 characters: letters, digits, _ and -')
    .optional(),
};

type TelegramRaw = z.infer<z.ZodObject<typeof TELEGRAM_KEYS>>;

export interface TelegramConfig {
  token: string;
  /** The channel every story is posted to, as its admin: @name or -100... */
  channelId?: string;
  /** Telegram user ids that count as admins everywhere; also added to `operators`. */
  operatorIds: string[];
  /** The Bot API server; a root with a path ends with "/". */
  apiRoot: string;
  /** Updates by webhook instead of long polling. */
  webhook?: { url: string; port: number; secret?: string };
}

export function telegramOperatorIds(raw: TelegramRaw): string[] {
  return raw.TELEGRAM_OPERATOR_IDS.split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** The telegram section, only when a token is set (the other keys mean nothing without it). */
export function telegramSection(raw: TelegramRaw): { telegram?: TelegramConfig } {
  const token = raw.TELEGRAM_BOT_TOKEN;
  if (token === undefined) return {};
  const root = new URL(raw.TELEGRAM_API_ROOT);
  if (!root.pathname.endsWith('/')) root.pathname += '/';
  const telegram: TelegramConfig = {
    token,
    operatorIds: telegramOperatorIds(raw),
    apiRoot: root.toString(),
    ...(raw.TELEGRAM_CHANNEL_ID === undefined ? {} : { channelId: raw.TELEGRAM_CHANNEL_ID }),
    ...webhookOf(raw),
  };
  return { telegram };
}

function webhookOf(raw: TelegramRaw): Pick<TelegramConfig, 'webhook'> {
  const url = raw.TELEGRAM_WEBHOOK_URL;
  if (url === undefined) return {};
  const secret = raw.TELEGRAM_WEBHOOK_SECRET;
  const port = raw.TELEGRAM_WEBHOOK_PORT;
  return { webhook: { url, port, ...(secret === undefined ? {} : { secret }) } };
}
