import { randomUUID } from 'node:crypto';
import {
  DEFAULT_DELIVERY_POLICY,
  ChatPreferencesSchema,
  DeliveryModeSchema,
  DeliveryPolicySchema,
  FiltersSchema,
  chatKeyOf,
  movedTarget,
  type MovedChat,
  type Subscription,
  type Target,
} from '../domain/subscription.ts';
import { EDIT_LANE_SUFFIX } from '../domain/outbox.ts';
import { column, fromRow, type RowCodec } from './columns.ts';
import {
  SubscriptionNotFoundError,
  type NewSubscription,
  type SubscriptionPatch,
} from './subscription-store.ts';

/** The one description of a `subscriptions` row, read by both engines. */
const COLUMNS = [
  column('id', 'text', 'id'),
  column('platform', 'text', 'target.platform'),
  column('chat_id', 'text', 'target.chatId'),
  column('thread_id', 'text', 'target.threadId'),
  column('kind', 'text', 'target.kind'),
  column('filters', 'json', 'filters'),
  column('mode', 'json', 'mode'),
  column('policy', 'text', 'policy'),
  column('preferences', 'json', 'preferences'),
  column('active', 'flag', 'active'),
  column('inactive_reason', 'optional', 'inactiveReason'),
  column('created_by', 'text', 'createdBy'),
  column('created_at', 'time', 'createdAt'),
  column('updated_at', 'time', 'updatedAt'),
];

/** Every column a read returns, for SELECT and RETURNING. */
export const SUBSCRIPTION_SELECT = COLUMNS.map((c) => c.name).join(', ');

/** A row, as either engine returns it, as a subscription (checked against its schemas). */
export function rowToSubscription(row: Record<string, unknown>, codec: RowCodec): Subscription {
  const s = fromRow(row, COLUMNS, codec) as unknown as Subscription;
  // A chat without topics keeps '' in the key's column (NULLs are never equal in a key).
  if (s.target.threadId === '') delete s.target.threadId;
  return {
    ...s,
    filters: FiltersSchema.parse(s.filters),
    mode: DeliveryModeSchema.parse(s.mode),
    policy: DeliveryPolicySchema.parse(s.policy ?? DEFAULT_DELIVERY_POLICY),
    preferences: ChatPreferencesSchema.parse(s.preferences ?? {}),
  };
}

/** The key columns of a target: platform, chat and thread ('' when none). */
export function targetKey(target: Target): {
  platform: string;
  chat_id: string;
  thread_id: string;
} {
  return { platform: target.platform, chat_id: target.chatId, thread_id: target.threadId ?? '' };
}

/**
 * What saving a subscription writes besides its key. `policy` is null when the input names
 * none: a new subscription takes the default, a reactivated one keeps its own.
 */
export function contentColumns(input: NewSubscription, codec: RowCodec) {
  return {
    kind: input.target.kind,
    filters: codec.json.to(input.filters),
    mode: codec.json.to(input.mode),
    policy: input.policy ?? null,
  };
}

/** The rule of an update: a reactivated subscription forgets why it was stopped. */
export function patchedColumns(current: Subscription, patch: SubscriptionPatch, codec: RowCodec) {
  const active = patch.active ?? current.active;
  return {
    filters: codec.json.to(patch.filters ?? current.filters),
    mode: codec.json.to(patch.mode ?? current.mode),
    policy: patch.policy ?? current.policy ?? DEFAULT_DELIVERY_POLICY,
    preferences: codec.json.to(patch.preferences ?? current.preferences ?? {}),
    active: codec.flag.to(active),
    inactive_reason: active ? null : (patch.inactiveReason ?? current.inactiveReason ?? null),
  };
}

/** An edit row keeps its lane (the chat key and EDIT_LANE_SUFFIX) when its chat moves. */
const LANE = `|| CASE WHEN kind = 'edit' THEN '${EDIT_LANE_SUFFIX}' ELSE '' END`;

/** Re-keys a moved subscription's outbox rows: @id, @chat_key (SQLite); $1, $2 (PostgreSQL). */
export const REKEY_OUTBOX_SQLITE = `UPDATE outbox SET chat_key = @chat_key ${LANE} WHERE subscription_id = @id`;
export const REKEY_OUTBOX_PG = `UPDATE outbox SET chat_key = $2 ${LANE} WHERE subscription_id = $1`;

/** A new subscription's id. */
export const newSubscriptionId = (): string => randomUUID();

/**
 * Where subscription `id` (`current`, which must exist) moves: its new target, and the chat
 * key its outbox rows are re-keyed to.
 */
export function moveOf(
  current: Subscription | undefined,
  id: string,
  to: MovedChat,
): { target: Target; chatKey: string } {
  if (current === undefined) throw new SubscriptionNotFoundError(id);
  const target = movedTarget(current.target, to);
  return { target, chatKey: chatKeyOf(target) };
}
