import { OUTBOX_INDEXES, STORY_INDEXES, SUBSCRIPTION_INDEXES } from '../indexes.ts';
/**
 * The PostgreSQL schema, one step per version (its own numbering: the same as SQLite's up to 3).
 * Text that is sorted or compared (ids, topics, chat keys) uses the C collation, so the order
 * is the same on every server and the same as SQLite's.
 */
export const STORIES_SQL = `
  CREATE TABLE stories (
    seq            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             text COLLATE "C" NOT NULL UNIQUE,
    title          text NOT NULL,
    body           text NOT NULL,
    url            text,
    source         text NOT NULL,
    section        text,
    topics         text[] NOT NULL,
    published_at   timestamptz NOT NULL,
    date_estimated boolean NOT NULL,
    language       text NOT NULL,
    image_url      text,
    content_hash   text NOT NULL,
    fingerprint    text,
    keywords       text[] NOT NULL,
    entities       text[] NOT NULL,
    summary        text[] NOT NULL,
    duplicate_of   text,
    origin_kind    text NOT NULL,
    origin_ref     text NOT NULL,
    announce       text NOT NULL DEFAULT 'pending',
    search         tsvector NOT NULL,
    ingested_at    timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
  );
  ${STORY_INDEXES}
  CREATE INDEX stories_search ON stories USING GIN (search);
  CREATE TABLE story_topics (
    topic_key text COLLATE "C" NOT NULL,
    topic     text COLLATE "C" NOT NULL,
    story_seq integer NOT NULL REFERENCES stories (seq) ON DELETE CASCADE,
    PRIMARY KEY (topic_key, story_seq)
  );
  CREATE INDEX story_topics_by_story ON story_topics (story_seq);
`;

export const FEED_STATE_SQL = `
  CREATE TABLE feed_state (
    url                  text PRIMARY KEY,
    etag                 text,
    last_modified        text,
    last_fetch_at        timestamptz,
    last_error           text,
    consecutive_failures integer NOT NULL DEFAULT 0,
    next_attempt_at      timestamptz,
    first_fetch_done     boolean NOT NULL DEFAULT false,
    items_seen           integer NOT NULL DEFAULT 0
  );
`;

export const DELIVERY_SQL = `
  CREATE TABLE subscriptions (
    seq             bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id              text PRIMARY KEY,
    platform        text NOT NULL,
    chat_id         text COLLATE "C" NOT NULL,
    thread_id       text COLLATE "C" NOT NULL DEFAULT '',
    kind            text NOT NULL,
    filters         jsonb NOT NULL,
    mode            jsonb NOT NULL,
    active          boolean NOT NULL,
    inactive_reason text,
    created_by      text NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    UNIQUE (platform, chat_id, thread_id)
  );
  ${SUBSCRIPTION_INDEXES}
  CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    story_id        text NOT NULL,
    subscription_id text NOT NULL,
    platform        text NOT NULL,
    chat_key        text COLLATE "C" NOT NULL,
    state           text NOT NULL,
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    lease_owner     text,
    message_id      text,
    last_error      text,
    last_error_kind text,
    digest_at       timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    UNIQUE (story_id, subscription_id)
  );
  ${OUTBOX_INDEXES}
  CREATE INDEX outbox_open_by_due ON outbox (platform, next_attempt_at, id)
    WHERE state IN ('pending', 'failed', 'sending');
`;

export const LOCKS_SQL = `
  CREATE TABLE named_locks (
    name        text PRIMARY KEY,
    owner       text NOT NULL,
    acquired_at timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
  );
`;
