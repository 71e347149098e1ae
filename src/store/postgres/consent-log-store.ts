import type { PlatformName } from '../../domain/subscription.ts';
import type { ConsentEntry, ConsentEvent, ConsentLogStore } from '../consent-log-store.ts';
import { rowsOf, type PgPool } from './pool.ts';

/** Version 6 (PostgreSQL): the consent log, as SQLite's version 4. */
export const CONSENT_LOG_SQL = `
  CREATE TABLE consent_log (
    seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL,
    platform   text NOT NULL,
    chat_id    text NOT NULL,
    user_id    text NOT NULL,
    action     text NOT NULL CHECK (action IN ('opt-in', 'opt-out')),
    topics     text[] NOT NULL,
    text       text NOT NULL,
    subscribed boolean NOT NULL
  );
  CREATE INDEX consent_log_by_chat ON consent_log (platform, chat_id, seq);
`;

const TEXT_CHARS = 500;

interface Row {
  seq: number;
  at: Date;
  platform: PlatformName;
  chat_id: string;
  user_id: string;
  action: ConsentEvent['action'];
  topics: string[];
  text: string;
  subscribed: boolean;
}

/** The append-only consent log on PostgreSQL. */
export function createPgConsentLogStore(pool: PgPool): ConsentLogStore {
  return {
    record: async (event) => {
      const text = event.text.slice(0, TEXT_CHARS);
      const [row] = await rowsOf<{ seq: number }>(
        pool,
        `INSERT INTO consent_log (at, platform, chat_id, user_id, action, topics, text, subscribed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq`,
        [
          event.at,
          event.platform,
          event.chatId,
          event.userId,
          event.action,
          event.topics,
          text,
          event.subscribed,
        ],
      );
      return { ...event, text, seq: row?.seq ?? 0 };
    },
    list: async (query = {}) =>
      (
        await rowsOf<Row>(
          pool,
          `SELECT * FROM consent_log
           WHERE ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR chat_id = $2)
             AND ($3::timestamptz IS NULL OR at >= $3)
           ORDER BY seq`,
          [query.platform ?? null, query.chatId ?? null, query.since ?? null],
        )
      ).map(toEntry),
  };
}

function toEntry(row: Row): ConsentEntry {
  return {
    seq: row.seq,
    at: row.at,
    platform: row.platform,
    chatId: row.chat_id,
    userId: row.user_id,
    action: row.action,
    topics: row.topics,
    text: row.text,
    subscribed: row.subscribed,
  };
}
