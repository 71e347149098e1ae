import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Config,
  type Log,
  createConfiguredFetcher,
  openStore,
  type DatabaseConfig,
} from '../../src/index.ts';
import { createWhatsAppPlatform, type WhatsAppPlatform } from './index.ts';
import { imageFetchOf } from './media.ts';
import type { WhatsAppStores } from './types.ts';

/**
 * The linked account's id (its phone number, e.g. 447700900123) from the auth folder's
 * creds.json, or undefined when no account finished linking there.
 */
export function linkedAccount(authDir: string): string | undefined {
  const link = readLink(authDir);
  return link === undefined ? undefined : (link.id.split(/[:@]/)[0] ?? link.id);
}

/**
 * The linked device's identity (its id and registration): each `herald whatsapp login` after a
 * reset gives a new one. Undefined when no account finished linking.
 */
export function linkIdentity(authDir: string): string | undefined {
  const link = readLink(authDir);
  return link === undefined ? undefined : `${link.id}#${link.registrationId}`;
}

function readLink(authDir: string): { id: string; registrationId: string } | undefined {
  let creds: unknown;
  try {
    creds = JSON.parse(readFileSync(join(authDir, 'creds.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof creds !== 'object' || creds === null) return undefined;
  const me = 'me' in creds ? creds.me : undefined;
  const id = typeof me === 'object' && me !== null && 'id' in me ? me.id : undefined;
  const linked = 'account' in creds && creds.account != null;
  const registration = 'registrationId' in creds ? String(creds.registrationId) : '';
  return linked && typeof id === 'string' ? { id, registrationId: registration } : undefined;
}

/**
 * The WhatsApp platform from config: when WHATSAPP_ENABLED is true and the auth folder holds a
 * linked account. baileys itself is loaded only when the platform starts.
 */
export function whatsappFromConfig(
  config: Config,
  log: Log,
  options: { receive?: boolean } = {},
): WhatsAppPlatform | undefined {
  const wa = config.whatsapp;
  if (wa?.enabled !== true) return undefined;
  const account = linkedAccount(wa.authDir);
  if (account === undefined) {
    log.warn(
      { authDir: wa.authDir },
      'WHATSAPP_ENABLED is true but no account is linked there: run `herald whatsapp login`; WhatsApp stays off',
    );
    return undefined;
  }
  return createWhatsAppPlatform({
    open: async () =>
      (await import('./socket.ts')).openBaileysSocket(wa.authDir, log, wa.webSocketUrl),
    openStores: () => openWhatsAppStores(config.database),
    lockName: `whatsapp-session:${account}`,
    linked: () => linkIdentity(wa.authDir),
    groupsEnabled: wa.groupsEnabled,
    timeZone: config.schedule.timezone,
    fetchImage: imageFetchOf(createConfiguredFetcher(config.feeds), log),
    log,
    ...(options.receive === undefined ? {} : { receive: options.receive }),
    ...(wa.newsletterJid === undefined ? {} : { newsletterJid: wa.newsletterJid }),
  });
}

/** The adapter's own connection to the configured store (SQLite in WAL mode, or PostgreSQL). */
export async function openWhatsAppStores(database: DatabaseConfig): Promise<WhatsAppStores> {
  const store = await openStore(database);
  return {
    subscriptions: store.subscriptions,
    consentLog: store.consentLog,
    lock: store.locks,
    close: () => store.close(),
  };
}
