/** One limit a send must fit: at most `limit` sends per `windowMs` under `key`. */
export interface RateWindowClaim {
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * Rate windows shared by every process of a fleet, so a platform's limits hold for all of
 * them together (ADR 0011). PostgreSQL implements it (src/store/postgres/rate-window-store.ts);
 * a process alone keeps its windows in memory (src/delivery/rate-limiter.ts).
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
  /** Holds the whole gate until `until` (a 429's retry_after), for every process. */
  pause(gate: string, until: Date): Promise<void>;
  /** Forgets windows with no send since `before`; returns how many. */
  prune(before: Date): Promise<number>;
}
