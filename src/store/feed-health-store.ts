/**
 * What the operators were told about one feed: since when it fails, when it last worked, and
 * whether the failure alert went out (so it is sent once, and its recovery once).
 */
export interface FeedHealth {
  url: string;
  /** The first failure of the current run of failures; absent while the feed works. */
  failingSince?: Date;
  /** The last poll that read the feed (or heard "not modified"). */
  lastSuccessAt?: Date;
  /** When the failure alert was sent; cleared once the recovery message went out. */
  alertedAt?: Date;
  /** The last failure's reason, as the alert says it. */
  lastError?: string;
}

/** The feed-health port; SQLite and PostgreSQL pass test/contract/feed-health-store.contract.ts. */
export interface FeedHealthStore {
  getFeedHealth(url: string): Promise<FeedHealth | undefined>;
  allFeedHealth(): Promise<FeedHealth[]>;
  saveFeedHealth(health: FeedHealth): Promise<void>;
}

/** The table's columns, written once for both engines. */
export const FEED_HEALTH_COLUMNS = [
  'url',
  'failing_since',
  'last_success_at',
  'alerted_at',
  'last_error',
] as const;

export interface FeedHealthRow {
  url: string;
  failing_since: Date | null;
  last_success_at: Date | null;
  alerted_at: Date | null;
  last_error: string | null;
}

export function feedHealthToRow(h: FeedHealth): FeedHealthRow {
  return {
    url: h.url,
    failing_since: h.failingSince ?? null,
    last_success_at: h.lastSuccessAt ?? null,
    alerted_at: h.alertedAt ?? null,
    last_error: h.lastError ?? null,
  };
}

export function feedHealthFromRow(row: FeedHealthRow): FeedHealth {
  return {
    url: row.url,
    ...(row.failing_since === null ? {} : { failingSince: row.failing_since }),
    ...(row.last_success_at === null ? {} : { lastSuccessAt: row.last_success_at }),
    ...(row.alerted_at === null ? {} : { alertedAt: row.alerted_at }),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
  };
}

/** INSERT ... ON CONFLICT (url) DO UPDATE of every column; `param` names the i-th value. */
export function feedHealthUpsert(param: (column: string, i: number) => string): string {
  const values = FEED_HEALTH_COLUMNS.map(param).join(', ');
  const updates = FEED_HEALTH_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO feed_health (${FEED_HEALTH_COLUMNS.join(', ')}) VALUES (${values})
    ON CONFLICT (url) DO UPDATE SET ${updates.join(', ')}`;
}
