import { EVENT_DELIVERY_MIGRATION_NAME, OUTBOX_EVENT_INDEXES, OUTBOX_INDEXES } from '../indexes.ts';
import type { Migration } from './migrations.ts';

const OLD_COLUMNS = `id, story_id, subscription_id, platform, chat_key, state, attempts,
  next_attempt_at, lease_until, lease_owner, message_id, last_error, last_error_kind, digest_at,
  created_at, updated_at, sent_at`;

/**
 * Version 15: delivery by event (ADR 0025). An outbox row gets a kind (post, edit, follow-up),
 * the row it replies to and its event; it is unique on (story, subscription, kind), so the
 * table is rebuilt (SQLite cannot drop a table's UNIQUE constraint), keeping every row, id and
 * the id sequence. A subscription gets its delivery policy (`event` by default).
 */
export const eventDeliveryMigration: Migration = {
  version: 15,
  name: EVENT_DELIVERY_MIGRATION_NAME,
  up(db) {
    const seq = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`).get() as
      { seq: number } | undefined;
    db.exec(`
      CREATE TABLE outbox_v15 (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        story_id        TEXT NOT NULL,
        subscription_id TEXT NOT NULL,
        kind            TEXT NOT NULL DEFAULT 'post',
        reply_to        INTEGER,
        event_id        TEXT,
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
        UNIQUE (story_id, subscription_id, kind)
      );
      INSERT INTO outbox_v15 (${OLD_COLUMNS}) SELECT ${OLD_COLUMNS} FROM outbox ORDER BY id;
      DROP TABLE outbox;
      ALTER TABLE outbox_v15 RENAME TO outbox;
      ${OUTBOX_INDEXES}
      CREATE INDEX outbox_open_by_due ON outbox (platform, next_attempt_at)
        WHERE state IN ('pending', 'failed', 'sending');
      ${OUTBOX_EVENT_INDEXES}
      ALTER TABLE subscriptions ADD COLUMN policy TEXT NOT NULL DEFAULT 'event';
    `);
    // Ids are never reused, even those of rows deleted before the rebuild.
    const top = (db.prepare('SELECT MAX(id) AS id FROM outbox').get() as { id: number | null }).id;
    const next = Math.max(seq?.seq ?? 0, top ?? 0);
    db.prepare(`DELETE FROM sqlite_sequence WHERE name = 'outbox'`).run();
    if (next > 0)
      db.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)`).run(next);
  },
};
