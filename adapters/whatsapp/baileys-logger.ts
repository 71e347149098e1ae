import type { SocketConfig } from '@whiskeysockets/baileys';
import type { Log } from '../../src/index.ts';

/** baileys' ILogger (not exported by name from the package root). */
export type BaileysLogger = SocketConfig['logger'];

/**
 * baileys' logger interface over Herald's: its warnings and errors go to Herald's log (with
 * its redaction); its chatter (trace, debug, info: every frame and key) is dropped.
 */
export function toBaileysLogger(log: Log): BaileysLogger {
  const logger: BaileysLogger = {
    level: 'warn',
    child: () => logger,
    trace: () => undefined,
    debug: () => undefined,
    info: () => undefined,
    warn: (obj, msg) => {
      log.warn(fields(obj), `baileys: ${msg ?? text(obj)}`);
    },
    error: (obj, msg) => {
      log.error(fields(obj), `baileys: ${msg ?? text(obj)}`);
    },
  };
  return logger;
}

function fields(obj: unknown): object {
  if (obj instanceof Error) return { err: obj };
  return typeof obj === 'object' && obj !== null ? obj : {};
}

function text(obj: unknown): string {
  return typeof obj === 'string' ? obj : '';
}
