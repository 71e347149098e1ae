import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger } from 'pino';

/** Keys whose value is a secret wherever it appears (top level, or one or two levels down). */
const SECRET_KEYS = [
  'token',
  'botToken',
  'apiKey',
  'secret',
  'password',
  'passphrase',
  'authorization',
  'cookie',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'DISCORD_TOKEN',
  'WHATSAPP_TOKEN',
];

/** Keys that hold a connection URL: only the password inside it is hidden. */
const URL_KEYS = ['DATABASE_URL', 'databaseUrl', 'connectionString'];

const EXTRA_PATHS = [
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'request.headers.authorization',
  'config.database.path',
  'database.path',
];

/** Every path pino redacts: each key at the top level, and one and two levels down. */
export const REDACT_PATHS: string[] = [
  ...[...SECRET_KEYS, ...URL_KEYS].flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  ...EXTRA_PATHS,
];

const URL_PATH_ENDS = new Set([...URL_KEYS, 'path']);

/** Hides a secret; in a connection URL, hides only its password so the host stays readable. */
export function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? '';
  if (!URL_PATH_ENDS.has(key)) return '[redacted]';
  if (typeof value !== 'string') return '[redacted]';
  return maskUrlPassword(value);
}

export function maskUrlPassword(value: string): string {
  if (!URL.canParse(value)) return value;
  const url = new URL(value);
  if (url.password === '') return value;
  url.password = '***';
  return url.toString();
}

/**
 * The process logger: structured JSON on stderr (stdout belongs to the console chat), secrets
 * redacted. Tests pass their own destination.
 */
export function createLogger(
  config: Pick<Config, 'logLevel'>,
  destination: DestinationStream = pino.destination({ fd: 2, sync: true }),
): Logger {
  return pino(
    {
      name: 'herald',
      level: config.logLevel,
      redact: { paths: REDACT_PATHS, censor },
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
}
