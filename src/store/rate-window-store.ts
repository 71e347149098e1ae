/** One limit a send must fit: at most `limit` sends per `windowMs` under `key`. */
export interface RateWindowClaim {
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * Rate windows kept in the store, so a platform's limits hold for every process of a fleet
 * together (ADR 0011) and across restarts (ADR 0019: a restart neither resets WhatsApp's daily
 * cap nor lets a burst through). Both engines implement it (src/store/postgres/ and
 * src/store/sqlite/rate-window-store.ts); without a store the limiter keeps its windows in
 * memory (src/delivery/rate-limiter.ts).
 */
export interface RateWindowStore {
  /**
   * Records one send at `now` in every window and holds the gate for `paceMs`, all or
   * nothing. Resolves to 0 when granted, or to the milliseconds to wait (nothing recorded).
   */
  tryGrant(
    gate: string,
    windows: readonly RateWindowClaim[],
    now: Date,
    paceMs: number,
  ): Promise<number>;
  /**
   * Optional: the send granted at `grantedAt` left at `at` (ms): its windows count it from
   * `at` from now on (see RateLimiter.departed). Both engines have it; on PostgreSQL it is one
   * more write per send (two with the answer's correction) on the platform's window row.
   */
  complete?(
    gate: string,
    windows: readonly RateWindowClaim[],
    grantedAt: number,
    at: number,
  ): Promise<void>;
  /** Holds the whole gate until `until` (a 429's retry_after), for every process. */
  pause(gate: string, until: Date): Promise<void>;
  /** Forgets windows with no send since `before`; returns how many. */
  prune(before: Date): Promise<number>;
}
