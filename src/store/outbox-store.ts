import type { OutboxErrorKind, OutboxKind, OutboxRow, OutboxState } from '../domain/outbox.ts';
import type { PlatformName } from '../domain/subscription.ts';

export interface NewOutboxRow {
  storyId: string;
  subscriptionId: string;
  platform: PlatformName;
  /** The FIFO key: the chat's, or its edit lane's (`laneKey`). */
  chatKey: string;
  /** Set for a digest subscription: the row is due then, and goes out with its batch. */
  digestAt?: Date;
  /** Default `post`. */
  kind?: OutboxKind;
  /** An edit's or follow-up's post row. */
  replyTo?: number;
  /** The event a post announces: one post per (subscription, event). */
  eventId?: string;
}

export interface ClaimRequest {
  /** Who holds the lease (one id per dispatcher process). */
  owner: string;
  now: Date;
  leaseMs: number;
  /** At most this many chats' heads (a digest batch counts as one). */
  limit: number;
  platform?: PlatformName;
  /** Largest digest batch claimed at once. */
  digestBatch?: number;
  /**
   * Most rows one chat's instant post head is claimed with (itself included): the chat's next
   * open rows, as long as they are due instant posts of the same subscription, unless that
   * subscription's `batch` preference is off. Default 1: the head alone.
   */
  batch?: number;
}

/** A failure to record on leased rows. */
export interface Reschedule {
  nextAttemptAt: Date;
  error: string;
  kind: OutboxErrorKind;
  /** True for a failed attempt (state failed, attempts + 1); false for a 429 wait (pending). */
  countAttempt: boolean;
}

/** One acknowledged message: its rows, their lease owner and the platform's message id. */
export interface SentMark {
  ids: readonly number[];
  owner: string;
  messageId: string;
}

export type OutboxCounts = Record<OutboxState, number>;

/** Rows that reached an outcome in one hour, by platform and state (the operator's chart). */
export interface OutboxActivity {
  /** The start of the hour (UTC) of the rows' last change. */
  hour: Date;
  platform: PlatformName;
  state: 'sent' | 'failed' | 'dead';
  count: number;
}

/**
 * The outbox: one row per (story, subscription). Every implementation (SQLite, PostgreSQL)
 * passes test/contract/outbox-store.contract.ts. Mark-methods act only on rows still leased by
 * `owner` and return how many rows they changed.
 */
export interface OutboxStore {
  /**
   * Inserts the rows not already there (unique on story, subscription and kind, and one post
   * per subscription and event); returns how many.
   */
  enqueue(rows: readonly NewOutboxRow[], now: Date): Promise<number>;
  /**
   * Atomically leases due rows: pending or failed rows whose time has come, and sending rows
   * whose lease ran out. Only each chat's oldest open row is taken (per-chat FIFO, one in
   * flight); a digest head brings the rest of its subscription's due digest rows along, and an
   * instant post head the chat's next due posts of its subscription (`batch`).
   */
  claimDue(request: ClaimRequest): Promise<OutboxRow[]>;
  markSent(ids: readonly number[], owner: string, messageId: string, now: Date): Promise<number>;
  /**
   * Optional: several acks recorded in one transaction (the dispatcher's group commit). Same
   * rule as markSent for each mark; returns the rows changed per mark, in order. A store
   * without it gets one markSent per ack.
   */
  markSentMany?(marks: readonly SentMark[], now: Date): Promise<number[]>;
  reschedule(ids: readonly number[], owner: string, r: Reschedule, now: Date): Promise<number>;
  markDead(
    ids: readonly number[],
    owner: string,
    error: { error: string; kind: OutboxErrorKind; countAttempt?: boolean },
    now: Date,
  ): Promise<number>;
  /**
   * Gives leased rows back without an attempt (shutdown, or the rate limiter said "not yet"):
   * due again at `notBefore`, or at once.
   */
  release(ids: readonly number[], owner: string, now: Date, notBefore?: Date): Promise<number>;
  /**
   * Ends now the leases of rows left "sending" by processes known to be gone (their lease
   * owners are `<process id>#<claim>`, ADR 0019), so they are due at once instead of a lease
   * later. Returns how many rows.
   */
  reclaim(processIds: readonly string[], now: Date): Promise<number>;
  getRow(id: number): Promise<OutboxRow | undefined>;
  countsByState(): Promise<OutboxCounts>;
  /** Rows still to send (pending, sending, failed) and how many chats they are for. */
  waiting(): Promise<{ deliveries: number; chats: number }>;
  /** Dead rows, newest first, with their last error. */
  listDead(limit: number): Promise<OutboxRow[]>;
  /** Failed rows waiting for their next attempt, most recently failed first. */
  listFailing(limit: number): Promise<OutboxRow[]>;
  /** Sent, failed and dead rows last changed at or after `since`, counted per hour and platform. */
  activitySince(since: Date): Promise<OutboxActivity[]>;
  /** Puts dead rows (all, or the given ones) back to pending with zero attempts. */
  retryDead(now: Date, ids?: readonly number[]): Promise<number>;
  /** The earliest time a chat's head row becomes claimable (now or earlier when one is due). */
  nextDueAt(): Promise<Date | undefined>;
  /** A subscription's posts that went out in one message (a batch), oldest first. */
  postsOfMessage(subscriptionId: string, messageId: string): Promise<OutboxRow[]>;
  /** Rows of one subscription, oldest first (tests and the operator). */
  listBySubscription(subscriptionId: string): Promise<OutboxRow[]>;
  /** Every row (any subscription, any kind) of these stories, oldest first (delivery by event). */
  listByStories(storyIds: readonly string[]): Promise<OutboxRow[]>;
}
