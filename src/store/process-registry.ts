/** One running `herald start`, as the registry lists it. */
export interface ProcessEntry {
  /** The process's id in the store; its lease owners are `<id>#<claim>`. */
  id: string;
  pid: number;
  host: string;
  startedAt: Date;
  heartbeatAt: Date;
  /** Past this time without a heartbeat, the process is taken for gone. */
  expiresAt: Date;
}

/** Who enters the registry: this process. */
export interface ProcessIdentity {
  id: string;
  pid: number;
  host: string;
}

/** Entered, or refused because another live process holds the store alone. */
export type EnterResult = { ok: true } | { ok: false; holder: ProcessEntry };

/**
 * The running bots of a store, with heartbeats (ADR 0019). On SQLite one bot claims the store
 * (`alone`); on PostgreSQL every process of the fleet is listed. A process whose heartbeat ran
 * out is gone: the rows it left "sending" are taken back at once (OutboxStore.reclaim).
 * Every implementation passes test/contract/process-registry.contract.ts.
 */
export interface ProcessRegistry {
  /**
   * Lists `me` until `now + ttlMs`. With `alone`, atomically refuses while another entry is
   * unexpired and not in `gone` (processes known dead, e.g. a dead pid on this host).
   */
  enter(
    me: ProcessIdentity,
    now: Date,
    ttlMs: number,
    options: { alone: boolean; gone?: readonly string[] },
  ): Promise<EnterResult>;
  /** Extends `id`'s entry; false when it is no longer listed (it was taken for gone). */
  heartbeat(id: string, now: Date, ttlMs: number): Promise<boolean>;
  /** Every entry, expired ones included, oldest first. */
  list(): Promise<ProcessEntry[]>;
  /** Removes entries (this process leaving, or processes found gone); returns how many. */
  forget(ids: readonly string[]): Promise<number>;
}
