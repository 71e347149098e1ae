import type { BaileysEventMap, WASocket } from '@whiskeysockets/baileys';
import type { ConsentLogStore, LockStore, SubscriptionStore } from '../../src/index.ts';

/**
 * The slice of baileys' socket the adapter uses: sending, and subscribing to events. Typed from
 * baileys itself, so a change there breaks the build here, and tests pass a small fake.
 */
export type WhatsAppEvents = Pick<WASocket['ev'], 'on' | 'off'>;
export type WhatsAppSocket = Pick<WASocket, 'sendMessage'> & { ev: WhatsAppEvents };

export type UpsertEvent = BaileysEventMap['messages.upsert'];
export type UpsertMessage = UpsertEvent['messages'][number];
export type ConnectionUpdate = BaileysEventMap['connection.update'];

/** An open socket and how to close it (the real one ends the WebSocket). */
export interface SocketHandle {
  socket: WhatsAppSocket;
  close(): void;
}

/** Opens a socket on the saved auth state (see socket.ts for the real one). */
export type OpenSocket = () => Promise<SocketHandle>;

/**
 * The session lock: one process at a time may hold the linked account's session, or two would
 * replace each other's connection (440) in a loop. The slice of the store's LockStore it uses.
 */
export type SessionLock = Pick<LockStore, 'acquire' | 'renew' | 'release'>;

/** The store ports the adapter uses, opened when it starts. */
export interface WhatsAppStores {
  subscriptions: SubscriptionStore;
  consentLog: ConsentLogStore;
  lock: SessionLock;
  /** Closes what was opened for the adapter (nothing when the stores are shared). */
  close?: () => Promise<void>;
}
