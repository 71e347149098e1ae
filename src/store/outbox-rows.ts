import {
  OutboxErrorKindSchema,
  OutboxKindSchema,
  OutboxStateSchema,
  type OutboxRow,
} from '../domain/outbox.ts';
import { PlatformNameSchema } from '../domain/subscription.ts';
import { column, fromRow, type RowCodec } from './columns.ts';

/** The one description of an `outbox` row, read by both engines. */
const COLUMNS = [
  column('id', 'number', 'id'),
  column('story_id', 'text', 'storyId'),
  column('subscription_id', 'text', 'subscriptionId'),
  column('kind', 'text', 'kind'),
  column('reply_to', 'number', 'replyTo', true),
  column('event_id', 'optional', 'eventId'),
  column('platform', 'text', 'platform'),
  column('chat_key', 'text', 'chatKey'),
  column('state', 'text', 'state'),
  column('attempts', 'number', 'attempts'),
  column('next_attempt_at', 'time', 'nextAttemptAt'),
  column('lease_until', 'time', 'leaseUntil', true),
  column('lease_owner', 'optional', 'leaseOwner'),
  column('message_id', 'optional', 'messageId'),
  column('last_error', 'optional', 'lastError'),
  column('last_error_kind', 'optional', 'lastErrorKind'),
  column('digest_at', 'time', 'digestAt', true),
  column('created_at', 'time', 'createdAt'),
  column('updated_at', 'time', 'updatedAt'),
  column('sent_at', 'time', 'sentAt', true),
];

/** An `outbox` row as either engine returns it. */
export type OutboxDbRow = Record<string, unknown> & { id: number };

/** A row, as either engine returns it, as an outbox row (its enums checked). */
export function rowToOutbox(row: Record<string, unknown>, codec: RowCodec): OutboxRow {
  const out = fromRow(row, COLUMNS, codec) as unknown as OutboxRow;
  return {
    ...out,
    kind: OutboxKindSchema.parse(out.kind),
    platform: PlatformNameSchema.parse(out.platform),
    state: OutboxStateSchema.parse(out.state),
    ...(out.lastErrorKind === undefined
      ? {}
      : { lastErrorKind: OutboxErrorKindSchema.parse(out.lastErrorKind) }),
  };
}
