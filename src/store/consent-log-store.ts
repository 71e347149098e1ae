import type { PlatformName } from '../domain/subscription.ts';

/** What a person asked for: to receive broadcasts (opt-in) or to stop them (opt-out). */
export type ConsentAction = 'opt-in' | 'opt-out';

/** One opt-in or opt-out, as it happened. Kept so the operator can show who asked, and when. */
export interface ConsentEvent {
  at: Date;
  platform: PlatformName;
  /** The chat the broadcasts go to (a WhatsApp JID). */
  chatId: string;
  /** Who wrote it (a phone number, or the chat's id when none is known). */
  userId: string;
  action: ConsentAction;
  /** The topics named ("subscribe sports"); empty for everything. */
  topics: string[];
  /** The message as written, cut short. */
  text: string;
  /** Whether the chat receives broadcasts after it. */
  subscribed: boolean;
}

export interface ConsentEntry extends ConsentEvent {
  /** Increasing in the order the events were recorded. */
  seq: number;
}

export interface ConsentQuery {
  platform?: PlatformName;
  chatId?: string;
  since?: Date;
}

/** The consent log: append-only; nothing in Herald deletes or rewrites an entry. */
export interface ConsentLogStore {
  record(event: ConsentEvent): Promise<ConsentEntry>;
  /** Oldest first. */
  list(query?: ConsentQuery): Promise<ConsentEntry[]>;
}
