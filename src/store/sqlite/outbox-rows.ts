import { OutboxErrorKindSchema, OutboxStateSchema, type OutboxRow } from '../../domain/outbox.ts';
import { PlatformNameSchema } from '../../domain/subscription.ts';

/** An `outbox` table row as better-sqlite3 returns it. */
export interface OutboxDbRow {
  id: number;
  story_id: string;
  subscription_id: string;
  platform: string;
  chat_key: string;
  state: string;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  lease_owner: string | null;
  message_id: string | null;
  last_error: string | null;
  last_error_kind: string | null;
  digest_at: number | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export function rowToOutbox(row: OutboxDbRow): OutboxRow {
  return {
    id: row.id,
    storyId: row.story_id,
    subscriptionId: row.subscription_id,
    platform: PlatformNameSchema.parse(row.platform),
    chatKey: row.chat_key,
    state: OutboxStateSchema.parse(row.state),
    attempts: row.attempts,
    nextAttemptAt: new Date(row.next_attempt_at),
    ...optionalDate('leaseUntil', row.lease_until),
    ...optional('leaseOwner', row.lease_owner),
    ...optional('messageId', row.message_id),
    ...optional('lastError', row.last_error),
    ...(row.last_error_kind === null
      ? {}
      : { lastErrorKind: OutboxErrorKindSchema.parse(row.last_error_kind) }),
    ...optionalDate('digestAt', row.digest_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    ...optionalDate('sentAt', row.sent_at),
  };
}

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value === null ? {} : ({ [key]: value } as Record<K, string>);
}

function optionalDate<K extends string>(key: K, value: number | null): Partial<Record<K, Date>> {
  return value === null ? {} : ({ [key]: new Date(value) } as Record<K, Date>);
}
