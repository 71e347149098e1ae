import { randomUUID } from 'node:crypto';
import { realSleep, type Sleep } from '../../src/delivery/sleep.ts';
import { systemClock, type Clock } from '../../src/domain/clock.ts';
import type { Log } from '../../src/domain/log.ts';
import type { CommandHandler, Platform, PlatformState } from '../../src/domain/platform.ts';
import type { Target } from '../../src/domain/subscription.ts';
import { createConnection, type Connection } from './connection.ts';
import type { WhatsAppSessionError } from './errors.ts';
import { createIncomingHandler } from './incoming.ts';
import { newsletterTarget, syncNewsletter } from './newsletter.ts';
import { deliver } from './send.ts';
import { holdSessionLock, type Every, type HeldLock } from './session-lock.ts';
import type { OpenSocket, UpsertEvent, WhatsAppSocket, WhatsAppStores } from './types.ts';

export { WhatsAppSessionError, WhatsAppSessionLockedError } from './errors.ts';
export type { SessionLock, WhatsAppSocket, WhatsAppStores } from './types.ts';

export interface WhatsAppOptions {
  /** Opens a socket on the saved auth state (the registry passes the baileys one). */
  open: OpenSocket;
  /** Opens the store ports when WhatsApp starts (the registry opens the configured store). */
  openStores: () => Promise<WhatsAppStores>;
  /** The lock's name: one per linked account. */
  lockName: string;
  /** A WhatsApp Channel (…@newsletter) that receives every story. */
  newsletterJid?: string;
  groupsEnabled: boolean;
  /** Answer incoming messages (false under `herald start --once`: broadcasts only). */
  receive?: boolean;
  timeZone: string;
  log: Log;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  every?: Every;
  lockTtlMs?: number;
  /** How long `start()` waits for the first connection before it returns (still trying). */
  startTimeoutMs?: number;
}

export interface WhatsAppPlatform extends Platform {
  /** The configured channel as a subscription target, if any. */
  newsletterTarget(): Target | undefined;
}

export const DEFAULT_LOCK_TTL_MS = 60_000;
export const DEFAULT_START_TIMEOUT_MS = 60_000;

/**
 * WhatsApp through baileys: broadcasts to people who opted in and to a channel, replies to
 * text commands, consent recorded. The dispatcher paces the broadcasts (WHATSAPP_PACE_*) and
 * caps them (WHATSAPP_DAILY_CAP); this adapter renders and transports.
 */
export function createWhatsAppPlatform(options: WhatsAppOptions): WhatsAppPlatform {
  const clock = options.clock ?? systemClock;
  const render = { timeZone: options.timeZone };
  let connection: Connection | undefined;
  let held: HeldLock | undefined;
  let stores: WhatsAppStores | undefined;
  let stopped: Promise<void> | undefined;

  const send = (target: Target, reply: Parameters<Platform['send']>[1]) =>
    deliver(connection?.socket(), target, reply, render);

  const start = async (commands: CommandHandler) => {
    stopped = undefined;
    const opened = await options.openStores();
    stores = opened;
    try {
      await run(commands, opened);
    } catch (err) {
      await stop();
      throw err;
    }
  };
  const run = async (commands: CommandHandler, opened: WhatsAppStores) => {
    held = await holdSessionLock({
      lock: opened.lock,
      name: options.lockName,
      owner: `herald-${randomUUID()}`,
      ttlMs: options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
      clock,
      log: options.log,
      ...(options.every === undefined ? {} : { every: options.every }),
      onLost: () => void stop(),
    });
    await syncNewsletter(opened.subscriptions, options.newsletterJid, clock, options.log);
    connection = buildConnection(options, opened, commands, send, () => void stop());
    await firstOpen(connection, options);
  };
  const stop = () =>
    (stopped ??= (async () => {
      connection?.stop();
      await held?.release();
      held = undefined;
      await stores?.close?.();
      stores = undefined;
    })());

  return {
    name: 'whatsapp',
    start,
    stop,
    send,
    state: (): PlatformState => connection?.state() ?? 'stopped',
    newsletterTarget: () =>
      options.newsletterJid === undefined ? undefined : newsletterTarget(options.newsletterJid),
  };
}

function buildConnection(
  options: WhatsAppOptions,
  stores: WhatsAppStores,
  commands: CommandHandler,
  send: WhatsAppPlatform['send'],
  onFatal: (error: WhatsAppSessionError) => void,
): Connection {
  const onUpsert = createIncomingHandler({
    commands,
    consent: {
      subscriptions: stores.subscriptions,
      consentLog: stores.consentLog,
      clock: options.clock ?? systemClock,
    },
    reply: send,
    groupsEnabled: options.groupsEnabled,
    log: options.log,
  });
  return createConnection({
    open: options.open,
    attach: (socket: WhatsAppSocket) => {
      if (options.receive === false) return () => undefined;
      const listener = (event: UpsertEvent) => void onUpsert(event);
      socket.ev.on('messages.upsert', listener);
      return () => {
        socket.ev.off('messages.upsert', listener);
      };
    },
    log: options.log,
    sleep: options.sleep ?? realSleep,
    ...(options.random === undefined ? {} : { random: options.random }),
    onFatal,
  });
}

/** Waits for the first open; past the timeout, returns and lets it go on trying. */
async function firstOpen(connection: Connection, options: WhatsAppOptions): Promise<void> {
  const abort = new AbortController();
  const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  const timeout = (options.sleep ?? realSleep)(timeoutMs, abort.signal).then(
    () => 'timeout' as const,
    () => 'aborted' as const,
  );
  try {
    const first = await Promise.race([connection.start().then(() => 'open' as const), timeout]);
    if (first === 'timeout') {
      options.log.warn({ timeoutMs }, 'whatsapp not connected yet; still trying in the background');
    }
  } finally {
    abort.abort();
  }
}
