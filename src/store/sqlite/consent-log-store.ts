import type Database from 'better-sqlite3';
import type {
  ConsentEntry,
  ConsentEvent,
  ConsentLogStore,
  ConsentQuery,
} from '../consent-log-store.ts';
import type { PlatformName } from '../../domain/subscription.ts';
import { settle } from './settle.ts';

/** Schema version 4: the consent log (opt-ins and opt-outs with their time). Listed in migrations.ts. */
export const consentLogMigration = {
  version: 4,
  name: 'consent log',
  up(db: Database.Database): void {
    db.exec(`
      CREATE TABLE consent_log (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        at         INTEGER NOT NULL,
        platform   TEXT NOT NULL,
        chat_id    TEXT NOT NULL,
        user_id    TEXT NOT NULL,
        action     TEXT NOT NULL CHECK (action IN ('opt-in', 'opt-out')),
        topics     TEXT NOT NULL,
        text       TEXT NOT NULL,
        subscribed INTEGER NOT NULL
      );
      CREATE INDEX consent_log_by_chat ON consent_log (platform, chat_id, seq);
    `);
  },
};

interface Row {
  seq: number;
  at: number;
  platform: PlatformName;
  chat_id: string;
  user_id: string;
  action: ConsentEvent['action'];
  topics: string;
  text: string;
  subscribed: number;
}

const TEXT_CHARS = 500;

/** The ConsentLogStore on SQLite; expects the migrations (version 4) applied. */
export function createSqliteConsentLogStore(db: Database.Database): ConsentLogStore {
  const insert = db.prepare(`
    INSERT INTO consent_log (at, platform, chat_id, user_id, action, topics, text, subscribed)
    VALUES (@at, @platform, @chatId, @userId, @action, @topics, @text, @subscribed)
  `);
  const select = db.prepare(`
    SELECT * FROM consent_log
    WHERE (@platform IS NULL OR platform = @platform)
      AND (@chatId IS NULL OR chat_id = @chatId)
      AND (@since IS NULL OR at >= @since)
    ORDER BY seq
  `);
  return {
    record: (event) =>
      settle(() => {
        const info = insert.run(toParams(event));
        return {
          ...event,
          text: event.text.slice(0, TEXT_CHARS),
          seq: Number(info.lastInsertRowid),
        };
      }),
    list: (query = {}) => settle(() => (select.all(queryParams(query)) as Row[]).map(toEntry)),
  };
}

function toParams(event: ConsentEvent) {
  return {
    at: event.at.getTime(),
    platform: event.platform,
    chatId: event.chatId,
    userId: event.userId,
    action: event.action,
    topics: JSON.stringify(event.topics),
    text: event.text.slice(0, TEXT_CHARS),
    subscribed: event.subscribed ? 1 : 0,
  };
}

function queryParams(query: ConsentQuery) {
  return {
    platform: query.platform ?? null,
    chatId: query.chatId ?? null,
    since: query.since?.getTime() ?? null,
  };
}

function toEntry(row: Row): ConsentEntry {
  return {
    seq: row.seq,
    at: new Date(row.at),
    platform: row.platform,
    chatId: row.chat_id,
    userId: row.user_id,
    action: row.action,
    topics: JSON.parse(row.topics) as string[],
    text: row.text,
    subscribed: row.subscribed === 1,
  };
}
