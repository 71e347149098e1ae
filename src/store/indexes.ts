/**
 * Indexes both engines create alike, written once (the tables' columns differ by type, the
 * indexes do not). Interpolated into each engine's migrations.
 */
export const STORY_INDEXES = `
  CREATE INDEX stories_by_published ON stories (published_at DESC, id);
  CREATE INDEX stories_by_ingested ON stories (ingested_at, seq);
  CREATE INDEX stories_by_url ON stories (url);
  CREATE INDEX stories_to_announce ON stories (seq) WHERE announce = 'pending';
`;

export const SUBSCRIPTION_INDEXES = `
  CREATE INDEX subscriptions_active ON subscriptions (active, platform);
`;

/** The outbox's indexes but the due one (PostgreSQL's also holds the id). */
export const OUTBOX_INDEXES = `
  CREATE INDEX outbox_open_by_chat ON outbox (chat_key, id)
    WHERE state IN ('pending', 'failed', 'sending');
  CREATE INDEX outbox_by_subscription ON outbox (subscription_id, id);
  CREATE INDEX outbox_by_state ON outbox (state, updated_at);
`;

/**
 * Delivery by event (migration 15): one post per subscription and event, whichever process
 * fans out its reports (ADR 0025); an outbox row is unique on story, subscription and kind.
 */
export const OUTBOX_EVENT_INDEXES = `
  CREATE UNIQUE INDEX outbox_event_post ON outbox (subscription_id, event_id)
    WHERE kind = 'post' AND event_id IS NOT NULL;
`;

/** The name both engines give migration 15 (test/unit/migrations-alike.test.ts). */
export const EVENT_DELIVERY_MIGRATION_NAME =
  'delivery by event: outbox kinds, replies and events; subscription delivery policy';
