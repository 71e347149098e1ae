import { OUTBOX_EVENT_INDEXES } from '../indexes.ts';

/** The SQL of the PostgreSQL outbox store; every value is a parameter. */

/**
 * Migration 15, delivery by event (ADR 0025): outbox kinds, the row replied to, the event;
 * unique on (story, subscription, kind) and one post per (subscription, event); each
 * subscription's delivery policy.
 */
export const EVENT_DELIVERY_SQL = `
  ALTER TABLE outbox ADD COLUMN kind text NOT NULL DEFAULT 'post',
    ADD COLUMN reply_to bigint, ADD COLUMN event_id text;
  ALTER TABLE outbox DROP CONSTRAINT outbox_story_id_subscription_id_key;
  ALTER TABLE outbox ADD CONSTRAINT outbox_story_subscription_kind
    UNIQUE (story_id, subscription_id, kind);
  ${OUTBOX_EVENT_INDEXES}
  ALTER TABLE subscriptions ADD COLUMN policy text NOT NULL DEFAULT 'event';
`;

const OPEN = `('pending', 'failed', 'sending')`;

/** Due at $1: a waiting row whose time has come, or a sending row whose lease ran out. */
const DUE = `((o.state = 'sending' AND o.lease_until <= $1)
  OR (o.state IN ('pending', 'failed') AND o.next_attempt_at <= $1))`;

/** No older open row in the chat: per-chat FIFO, one in flight. */
const HEAD = `NOT EXISTS (SELECT 1 FROM outbox h
  WHERE h.chat_key = o.chat_key AND h.state IN ${OPEN} AND h.id < o.id)`;

const LEASE = `UPDATE outbox SET state = 'sending', lease_owner = $2, lease_until = $3, updated_at = $1`;

/**
 * Leases up to $4 chat heads: $1 now, $2 owner, $3 lease end, $5 platform (when given).
 * Rows another dispatcher is claiming right now are skipped, not waited for.
 */
export const claimHeads = (byPlatform: boolean) => `
  WITH heads AS (
    SELECT o.id FROM outbox o
    WHERE o.state IN ${OPEN} ${byPlatform ? 'AND o.platform = $5' : ''} AND ${DUE} AND ${HEAD}
    ORDER BY o.next_attempt_at, o.id LIMIT $4
    FOR UPDATE OF o SKIP LOCKED
  )
  ${LEASE} FROM heads WHERE outbox.id = heads.id RETURNING outbox.*`;

/** A digest head's due siblings: $4 subscription, $5 head id, $6 how many more. */
export const CLAIM_DIGEST_SIBLINGS = `
  WITH more AS (
    SELECT o.id FROM outbox o
    WHERE o.subscription_id = $4 AND o.digest_at IS NOT NULL AND o.id <> $5
      AND o.state IN ${OPEN} AND ${DUE}
    ORDER BY o.id LIMIT $6
    FOR UPDATE OF o SKIP LOCKED
  )
  ${LEASE} FROM more WHERE outbox.id = more.id RETURNING outbox.*`;

/**
 * The rows instant post heads bring along (ADR 0029): for each head ($4 ids, $5 chat keys, $6
 * subscriptions), the chat's next open rows (at most $7) as long as each is a due instant post
 * of the head's subscription, unless that subscription is on `batch off`.
 */
export const CLAIM_BATCH_FOLLOWERS = `
  WITH h AS (
    SELECT * FROM unnest($4::bigint[], $5::text[], $6::text[]) AS h (id, chat_key, sub)
    WHERE NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.id = h.sub
      AND s.preferences ->> 'batch' = 'false')
  ), next AS (
    SELECT h.id AS head, x.id, x.fits FROM h CROSS JOIN LATERAL (
      SELECT o.id, (o.subscription_id = h.sub AND o.kind = 'post' AND o.digest_at IS NULL
        AND ${DUE}) AS fits
      FROM outbox o WHERE o.chat_key = h.chat_key AND o.id > h.id AND o.state IN ${OPEN}
      ORDER BY o.id LIMIT $7) x
  ), more AS (
    SELECT o.id FROM outbox o WHERE o.id IN (
      SELECT n.id FROM next n WHERE NOT EXISTS (
        SELECT 1 FROM next b WHERE b.head = n.head AND b.id <= n.id AND NOT b.fits))
    FOR UPDATE OF o SKIP LOCKED
  )
  ${LEASE} FROM more WHERE outbox.id = more.id RETURNING outbox.*`;

/** Rows not already there (either unique key) are inserted, in the order given. */
export const ENQUEUE = `
  INSERT INTO outbox (story_id, subscription_id, platform, chat_key, state, attempts,
    next_attempt_at, digest_at, created_at, updated_at, kind, reply_to, event_id)
  SELECT story_id, subscription_id, platform, chat_key, 'pending', 0,
    COALESCE(digest_at, $6), digest_at, $6, $6, kind, reply_to, event_id
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $7::text[],
    $8::bigint[], $9::text[])
    WITH ORDINALITY AS r (story_id, subscription_id, platform, chat_key, digest_at, kind,
      reply_to, event_id, n)
  ORDER BY n
  ON CONFLICT DO NOTHING`;

const CLEAR_LEASE = 'lease_until = NULL, lease_owner = NULL';
/** Rows $1 still leased by $2. */
const LEASED = `id = ANY ($1) AND state = 'sending' AND lease_owner = $2`;

export const MARK_SENT = `UPDATE outbox SET state = 'sent', message_id = $3, sent_at = $4,
  updated_at = $4, ${CLEAR_LEASE} WHERE ${LEASED}`;

export const RESCHEDULE = `UPDATE outbox SET state = $3, attempts = attempts + $4,
  next_attempt_at = $5, last_error = $6, last_error_kind = $7, updated_at = $8, ${CLEAR_LEASE}
  WHERE ${LEASED}`;

export const MARK_DEAD = `UPDATE outbox SET state = 'dead', attempts = attempts + $3,
  last_error = $4, last_error_kind = $5, updated_at = $6, ${CLEAR_LEASE} WHERE ${LEASED}`;

export const RELEASE = `UPDATE outbox
  SET state = CASE WHEN attempts > 0 THEN 'failed' ELSE 'pending' END,
    next_attempt_at = COALESCE($4, LEAST(next_attempt_at, $3)), updated_at = $3, ${CLEAR_LEASE}
  WHERE ${LEASED}`;

/** Rows leased by the gone processes $2 (owners `<id>#<claim>`): their lease ends now ($1). */
export const RECLAIM = `UPDATE outbox SET lease_until = $1, updated_at = $1
  WHERE state = 'sending' AND lease_until > $1
    AND split_part(lease_owner, '#', 1) = ANY ($2)`;

export const RETRY_DEAD = `UPDATE outbox SET state = 'pending', attempts = 0,
  next_attempt_at = $1, updated_at = $1 WHERE state = 'dead' AND ($2::bigint[] IS NULL OR id = ANY ($2))`;

export const NEXT_DUE = `SELECT MIN(CASE WHEN o.state = 'sending' THEN o.lease_until
  ELSE o.next_attempt_at END) AS at FROM outbox o WHERE o.state IN ${OPEN} AND ${HEAD}`;
