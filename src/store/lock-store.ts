/** Who holds a named lock, and until when. */
export interface LockHolder {
  name: string;
  owner: string;
  acquiredAt: Date;
  expiresAt: Date;
}

/**
 * Named locks with an owner and an expiry, kept in the store so that every process sharing it
 * agrees (the WhatsApp session: one process may hold a linked device's socket at a time).
 * A holder renews before the expiry; a crashed holder's lock is free once it expires.
 * Every implementation (SQLite, PostgreSQL) passes test/contract/lock-store.contract.ts.
 */
export interface LockStore {
  /**
   * Takes the lock when it is free or expired, or extends it when `owner` already holds it.
   * True when `owner` holds it afterwards, until `now + ttlMs`.
   */
  acquire(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Extends `owner`'s unexpired hold; false when the lock was lost (expired, taken, released). */
  renew(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Frees the lock if `owner` holds it; true when it did. */
  release(name: string, owner: string): Promise<boolean>;
  /** The current, unexpired holder. */
  holder(name: string, now: Date): Promise<LockHolder | undefined>;
}
