import { pino, type DestinationStream, type Logger } from 'pino';
import { createRequire } from 'node:module';
import type { Terminal } from '../domain/terminal.ts';
import type { Config } from './config.ts';
import { createTerminal } from './terminal.ts';

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

export interface LoggerOptions {
  /** The terminal the console chat shares (its prompt is kept clear of log lines). */
  terminal?: Terminal;
  /** Whether stderr is a terminal (LOG_FORMAT=auto picks pretty lines there). */
  isTTY?: boolean;
}

/**
 * The process logger, secrets redacted, on stderr (stdout belongs to the console chat): one
 * JSON object a line, or readable lines (pino-pretty) with LOG_FORMAT=pretty, or auto on a
 * terminal; above the console's prompt, never inside it. Tests pass their own destination
 * (JSON lines).
 */
export function createLogger(
  config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'logFormat'>>,
  destination?: DestinationStream,
  options: LoggerOptions = {},
): Logger {
  const settings = {
    name: 'herald',
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor },
    serializers: { err: pino.stdSerializers.err },
  };
  if (destination !== undefined) return pino(settings, destination);
  const isTTY = options.isTTY ?? process.stderr.isTTY;
  const format = config.logFormat ?? 'auto';
  const pretty = format === 'pretty' || (format === 'auto' && isTTY);
  const terminal = options.terminal ?? createTerminal();
  const render = pretty ? prettyLines(isTTY) : (line: string) => line;
  return pino(settings, {
    write: (line: string) => {
      terminal.writeLog(render(line));
    },
  });
}

/**
 * One readable line per record: time, level, message, then the fields. pino-pretty is loaded
 * only here, when lines are pretty: a `herald` command writing JSON (or nothing) skips its
 * modules (issue 23 point 2).
 */
function prettyLines(colorize: boolean): (line: string) => string {
  const { prettyFactory } = createRequire(import.meta.url)(
    'pino-pretty',
  ) as typeof import('pino-pretty');
  return prettyFactory({
    colorize,
    singleLine: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,name',
  });
}
