import type { Sleep } from '../../src/delivery/sleep.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Clock } from '../../src/domain/clock.ts';
import type { CommandHandler } from '../../src/domain/platform.ts';
import type { SubscriptionStore } from '../../src/store/subscription-store.ts';
import { openSqliteDatabase, type SqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteConsentLogStore } from '../../src/store/sqlite/consent-log-store.ts';
import { createSqliteLockStore } from '../../src/store/sqlite/lock-store.ts';
import {
  createWhatsAppPlatform,
  type WhatsAppOptions,
  type WhatsAppPlatform,
} from '../../adapters/whatsapp/index.ts';
import { createSocketFactory, OPEN } from './whatsapp-fake.ts';

/** A sleep that waits until aborted (start-up timeouts that must not fire in a test). */
export const neverSleep: Sleep = (_ms, signal) =>
  new Promise<void>((_resolve, reject) => {
    signal?.addEventListener('abort', () => {
      reject(new Error('aborted'));
    });
  });

/** Lets pending promise callbacks and I/O run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

export interface WhatsAppHarnessOptions {
  subscriptions: SubscriptionStore;
  clock: Clock;
  db?: SqliteDatabase;
  overrides?: Partial<WhatsAppOptions>;
}

/** The real WhatsApp platform over fake sockets, with SQLite consent log and lock. */
export function createWhatsAppHarness(options: WhatsAppHarnessOptions) {
  const db = options.db ?? openSqliteDatabase(':memory:');
  const consentLog = createSqliteConsentLogStore(db);
  const locks = createSqliteLockStore(db);
  const factory = createSocketFactory();
  const platform: WhatsAppPlatform = createWhatsAppPlatform({
    open: factory.open,
    openStores: () =>
      Promise.resolve({ subscriptions: options.subscriptions, consentLog, lock: locks }),
    lockName: 'whatsapp-session:447700900000',
    groupsEnabled: false,
    timeZone: 'UTC',
    log: silentLog,
    clock: options.clock,
    sleep: neverSleep,
    every: () => () => undefined,
    ...options.overrides,
  });
  /** Starts the platform and opens its first socket. */
  const start = async (commands: CommandHandler) => {
    const started = platform.start(commands);
    for (let i = 0; i < 100 && factory.sockets.length === 0; i += 1) await settle(1);
    await settle();
    factory.last().emit('connection.update', OPEN);
    await started;
    return factory.last();
  };
  return { db, consentLog, locks, factory, platform, start };
}
