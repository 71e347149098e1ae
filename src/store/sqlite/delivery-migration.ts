import { OUTBOX_INDEXES, SUBSCRIPTION_INDEXES } from '../indexes.ts';
import type { Migration } from './migrations.ts';

/** Version 3: subscriptions and the delivery outbox. */
export const deliveryMigration: Migration = {
  version: 3,
  name: 'subscriptions and the delivery outbox',
  up(db) {
    db.exec(`
      CREATE TABLE subscriptions (
        id              TEXT PRIMARY KEY,
        platform        TEXT NOT NULL,
        chat_id         TEXT NOT NULL,
        thread_id       TEXT NOT NULL DEFAULT '',
        kind            TEXT NOT NULL,
        filters         TEXT NOT NULL,
        mode            TEXT NOT NULL,
        active          INTEGER NOT NULL,
        inactive_reason TEXT,
        created_by      TEXT NOT NULL,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        UNIQUE (platform, chat_id, thread_id)
      );
      ${SUBSCRIPTION_INDEXES}
      CREATE TABLE outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        story_id        TEXT NOT NULL,
        subscription_id TEXT NOT NULL,
        platform        TEXT NOT NULL,
        chat_key        TEXT NOT NULL,
        state           TEXT NOT NULL,
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        lease_until     INTEGER,
        lease_owner     TEXT,
        message_id      TEXT,
        last_error      TEXT,
        last_error_kind TEXT,
        digest_at       INTEGER,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        sent_at         INTEGER,
        UNIQUE (story_id, subscription_id)
      );
      ${OUTBOX_INDEXES}
      CREATE INDEX outbox_open_by_due ON outbox (platform, next_attempt_at)
        WHERE state IN ('pending', 'failed', 'sending');
    `);
  },
};
