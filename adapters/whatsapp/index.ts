import { randomUUID } from 'node:crypto';
import {
  realSleep,
  type Sleep,
  systemClock,
  type Clock,
  type Log,
  type CommandHandler,
  type Platform,
  type PlatformState,
  type SendOptions,
  type SendOutcome,
  type Target,
} from '../../src/index.ts';
import { createConnection, type Connection } from './connection.ts';
import type { WhatsAppSessionError } from './errors.ts';
import { createIncomingHandler } from './incoming.ts';
import type { ImageFetch } from './media.ts';
import { newsletterTarget, syncNewsletter } from './newsletter.ts';
import { watchForRelink } from './relink.ts';
import { deliver, editSent } from './send.ts';
import { holdSessionLock, realEvery, type Every, type HeldLock } from './session-lock.ts';
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
  /**
   * Fetches a story's image on Herald's host (the feeds' guarded fetcher, see media.ts);
   * without it, stories go as text. baileys is never handed an image URL to fetch.
   */
  fetchImage?: ImageFetch;
  log: Log;
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  every?: Every;
  lockTtlMs?: number;
  /** How long `start()` waits for the first connection before it returns (still trying). */
  startTimeoutMs?: number;
  /**
   * The linked account's identity in the auth folder (undefined while none is linked). After a
   * logout, a new one means `herald whatsapp login` linked the number again: WhatsApp
   * reconnects without a restart. Without it, a logged-out WhatsApp stops until the next start.
   */
  linked?: () => string | undefined;
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
  const render = {
    timeZone: options.timeZone,
    ...(options.fetchImage === undefined ? {} : { fetchImage: options.fetchImage }),
  };
  let connection: Connection | undefined;
  let held: HeldLock | undefined;
  let stores: WhatsAppStores | undefined;
  let stopped: Promise<void> | undefined;
  /** Why WhatsApp stopped sending (a logout's message), while it waits for a re-link. */
  let down: string | undefined;
  let unwatch: (() => void) | undefined;

  const send = (
    target: Target,
    reply: Parameters<Platform['send']>[1],
    sendOptions?: SendOptions,
  ): Promise<SendOutcome> => {
    if (connection === undefined || connection.state() === 'stopped') {
      return Promise.resolve({ kind: 'unavailable', reason: down ?? 'whatsapp is not running' });
    }
    return deliver(connection.socket(), target, reply, render, sendOptions);
  };
  const edit: NonNullable<Platform['edit']> = (target, reply, of) => {
    if (connection === undefined || connection.state() === 'stopped') {
      return Promise.resolve({ kind: 'unavailable', reason: down ?? 'whatsapp is not running' });
    }
    const now = () => clock.now().getTime();
    return editSent(connection.socket(), target, reply, of, { ...render, now });
  };

  /** Opens a connection; one that stops for good (logged out) waits for a re-link. */
  const connect = (commands: CommandHandler, opened: WhatsAppStores) => {
    const onFatal = (error: WhatsAppSessionError) => {
      down = error.message;
      if (options.linked === undefined) {
        void stop();
        return;
      }
      options.log.warn({}, 'whatsapp waits for `herald whatsapp login`; its messages wait too');
      unwatch = watchForRelink({
        linked: options.linked,
        every: options.every ?? realEvery,
        log: options.log,
        onRelinked: () => {
          down = undefined;
          void connect(commands, opened).start();
        },
      });
    };
    connection = buildConnection(options, opened, commands, send, onFatal);
    return connection;
  };

  const start = async (commands: CommandHandler) => {
    stopped = undefined;
    down = undefined;
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
    await firstOpen(connect(commands, opened), options);
  };
  const stop = () =>
    (stopped ??= (async () => {
      unwatch?.();
      unwatch = undefined;
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
    edit,
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
