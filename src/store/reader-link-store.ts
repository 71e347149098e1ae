import type { PlatformName } from '../domain/subscription.ts';

/** A private chat, named by its platform and id (links join private chats only). */
export interface ChatRef {
  platform: PlatformName;
  chatId: string;
}

/** One reader across platforms: the private chats they linked. */
export interface Person {
  personId: string;
  /** Whether a story sent to one of their chats is kept from the others (`dedupe across`). */
  dedupe: boolean;
  /** Oldest link first. */
  chats: (ChatRef & { linkedAt: Date })[];
}

export type Redeemed =
  { ok: true; person: Person } | { ok: false; reason: 'unknown' | 'expired' | 'same chat' };

/** A linked chat with its person, as fan-out reads them. */
export interface ChatLink extends ChatRef {
  personId: string;
  dedupe: boolean;
  linkedAt: Date;
}

/**
 * Links between a person's private chats on several platforms, and the one-time codes that
 * make them. Every implementation (SQLite, PostgreSQL) passes
 * test/contract/reader-link-store.contract.ts.
 */
export interface ReaderLinkStore {
  /** Keeps a one-time code for this chat until `expiresAt` (its earlier code is dropped). */
  createCode(chat: ChatRef, code: string, expiresAt: Date): Promise<void>;
  /**
   * Uses a code once: the chat that made it and `chat` become one person (two people, when
   * both were linked already, become one). Expired and unknown codes link nothing.
   */
  redeemCode(code: string, chat: ChatRef, now: Date): Promise<Redeemed>;
  personOf(chat: ChatRef): Promise<Person | undefined>;
  /** Takes the chat out of its person (a person left with one chat is no more); false if none. */
  unlink(chat: ChatRef): Promise<boolean>;
  setDedupe(personId: string, on: boolean): Promise<void>;
  listLinks(): Promise<ChatLink[]>;
}
