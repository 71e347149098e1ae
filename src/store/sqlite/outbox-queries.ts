import { EDIT_LANE_SUFFIX } from '../../domain/outbox.ts';
import type { SqliteDatabase } from './database.ts';

const OPEN = `('pending', 'failed', 'sending')`;

/** Due: a waiting row whose time has come, or a sending row whose lease ran out. */
const DUE = `((o.state = 'sending' AND o.lease_until <= @now)
  OR (o.state IN ('pending', 'failed') AND o.next_attempt_at <= @now))`;

/** The chat's oldest open row: per-chat FIFO, one in flight. */
const HEAD = `o.id = (SELECT MIN(h.id) FROM outbox h
  WHERE h.chat_key = o.chat_key AND h.state IN ${OPEN})`;

const heads = (platformClause: string) => `
  SELECT o.id, o.subscription_id, o.digest_at, o.kind, o.chat_key,
    EXISTS (SELECT 1 FROM outbox n WHERE n.chat_key = o.chat_key AND n.id > o.id
      AND n.state IN ${OPEN}) AS more
  FROM outbox o
  WHERE o.state IN ${OPEN} ${platformClause} AND ${DUE} AND ${HEAD}
  ORDER BY o.next_attempt_at, o.id LIMIT @limit`;

const CLEAR_LEASE = 'lease_until = NULL, lease_owner = NULL';
const LEASED = `id = @id AND state = 'sending' AND lease_owner = @owner`;

/** Every statement of the SQLite outbox store; all parameterised. */
export function prepareOutbox(db: SqliteDatabase) {
  return {
    insert: db.prepare(
      `INSERT OR IGNORE INTO outbox (story_id, subscription_id, kind, reply_to, event_id,
         platform, chat_key, state, attempts, next_attempt_at, digest_at, created_at, updated_at)
       VALUES (@story_id, @subscription_id, @kind, @reply_to, @event_id, @platform, @chat_key,
         'pending', 0, @next_attempt_at, @digest_at, @now, @now)`,
    ),
    headsAll: db.prepare(heads('')),
    headsOf: db.prepare(heads('AND o.platform = @platform')),
    digestSiblings: db.prepare(
      `SELECT o.id FROM outbox o
       WHERE o.subscription_id = @subscription AND o.digest_at IS NOT NULL AND o.id <> @head
         AND o.state IN ${OPEN} AND ${DUE}
       ORDER BY o.id LIMIT @limit`,
    ),
    // The chat's next open rows after an instant post head, as long as each is a due instant
    // post of the head's subscription, unless that subscription is on `batch off` (ADR 0029).
    batchFollowers: db.prepare(
      `WITH next AS (
         SELECT o.id, o.subscription_id = @subscription AND o.kind = 'post'
           AND o.digest_at IS NULL AND ${DUE} AS fits
         FROM outbox o WHERE o.chat_key = @chat AND o.id > @head AND o.state IN ${OPEN}
         ORDER BY o.id LIMIT @limit)
       SELECT n.id FROM next n
       WHERE NOT EXISTS (SELECT 1 FROM next b WHERE b.id <= n.id AND NOT b.fits)
         AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = @subscription
           AND json_extract(s.preferences, '$.batch') = 0)
       ORDER BY n.id`,
    ),
    lease: db.prepare(
      `UPDATE outbox SET state = 'sending', lease_owner = @owner, lease_until = @until,
         updated_at = @now WHERE id = @id RETURNING *`,
    ),
    sent: db.prepare(
      `UPDATE outbox SET state = 'sent', message_id = @messageId, sent_at = @now,
         updated_at = @now, ${CLEAR_LEASE} WHERE ${LEASED}`,
    ),
    reschedule: db.prepare(
      `UPDATE outbox SET state = @state, attempts = attempts + @add, next_attempt_at = @next,
         last_error = @error, last_error_kind = @kind, updated_at = @now, ${CLEAR_LEASE}
       WHERE ${LEASED}`,
    ),
    dead: db.prepare(
      `UPDATE outbox SET state = 'dead', attempts = attempts + @add, last_error = @error,
         last_error_kind = @kind, updated_at = @now, ${CLEAR_LEASE} WHERE ${LEASED}`,
    ),
    release: db.prepare(
      `UPDATE outbox SET state = CASE WHEN attempts > 0 THEN 'failed' ELSE 'pending' END,
         next_attempt_at = COALESCE(@notBefore, MIN(next_attempt_at, @now)), updated_at = @now, ${CLEAR_LEASE}
       WHERE ${LEASED}`,
    ),
    // Rows leased by a process that is gone: their lease ends now (claimable as after a lease).
    reclaim: db.prepare(
      `UPDATE outbox SET lease_until = @now, updated_at = @now
       WHERE state = 'sending' AND lease_until > @now
         AND substr(lease_owner, 1, length(@prefix)) = @prefix`,
    ),
    byId: db.prepare('SELECT * FROM outbox WHERE id = ?'),
    bySubscription: db.prepare('SELECT * FROM outbox WHERE subscription_id = ? ORDER BY id'),
    postsOfMessage: db.prepare(
      `SELECT * FROM outbox WHERE subscription_id = ? AND message_id = ? AND kind = 'post'
       ORDER BY id`,
    ),
    byStories: db.prepare(
      'SELECT * FROM outbox WHERE story_id IN (SELECT value FROM json_each(?)) ORDER BY id',
    ),
    counts: db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state'),
    waiting: db.prepare(
      `SELECT COUNT(*) AS deliveries,
         COUNT(DISTINCT platform || ' ' || replace(chat_key, '${EDIT_LANE_SUFFIX}', '')) AS chats
       FROM outbox WHERE state IN ('pending', 'sending', 'failed')`,
    ),
    deadList: db.prepare(
      `SELECT * FROM outbox WHERE state = 'dead' ORDER BY updated_at DESC, id DESC LIMIT ?`,
    ),
    failingList: db.prepare(
      `SELECT * FROM outbox WHERE state = 'failed' ORDER BY updated_at DESC, id DESC LIMIT ?`,
    ),
    activity: db.prepare(
      `SELECT (updated_at / 3600000) * 3600000 AS hour, platform, state, COUNT(*) AS n
         FROM outbox WHERE state IN ('sent', 'failed', 'dead') AND updated_at >= ?
         GROUP BY hour, platform, state ORDER BY hour, platform, state`,
    ),
    retryDead: db.prepare(
      `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = @now,
         updated_at = @now WHERE id = @id AND state = 'dead'`,
    ),
    retryAllDead: db.prepare(
      `UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = @now,
         updated_at = @now WHERE state = 'dead'`,
    ),
    nextDue: db.prepare(
      `SELECT MIN(CASE WHEN o.state = 'sending' THEN o.lease_until ELSE o.next_attempt_at END)
         AS at FROM outbox o WHERE o.state IN ${OPEN} AND ${HEAD}`,
    ),
  };
}

export type OutboxQueries = ReturnType<typeof prepareOutbox>;
