import { randomUUID } from 'node:crypto';
import {
  chatKeyOf,
  DeliveryModeSchema,
  FiltersSchema,
  movedTarget,
  type MovedChat,
  type Subscription,
  type Target,
} from '../../domain/subscription.ts';
import type {
  NewSubscription,
  SubscriptionPatch,
  SubscriptionStore,
} from '../subscription-store.ts';
import { writeTransaction, type SqliteDatabase } from './database.ts';
import { settle } from './settle.ts';

interface SubscriptionRow {
  id: string;
  platform: Subscription['target']['platform'];
  chat_id: string;
  thread_id: string;
  kind: Target['kind'];
  filters: string;
  mode: string;
  active: number;
  inactive_reason: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

/** Thrown when an update names a subscription that does not exist. */
export class SubscriptionNotFoundError extends Error {
  override readonly name = 'SubscriptionNotFoundError';
  constructor(readonly subscriptionId: string) {
    super(`no subscription with id ${subscriptionId}`);
  }
}

/** The SubscriptionStore on SQLite: one row per target (platform, chat, thread). */
export function createSqliteSubscriptionStore(db: SqliteDatabase): SubscriptionStore {
  const q = prepare(db);
  const get = (id: string) => mapOne(q.byId.get(id));
  const save = writeTransaction(db, (input: NewSubscription, now: number): Subscription => {
    const existing = q.byTarget.get(targetParams(input.target)) as SubscriptionRow | undefined;
    if (existing === undefined) q.insert.run(insertParams(input, now));
    else q.reactivate.run({ ...contentParams(input), id: existing.id, now });
    return mapOne(q.byTarget.get(targetParams(input.target))) as Subscription;
  });
  const update = writeTransaction(db, (id: string, patch: SubscriptionPatch, now: number) => {
    const current = get(id);
    if (current === undefined) throw new SubscriptionNotFoundError(id);
    q.update.run(patchParams(current, patch, now));
    return get(id) as Subscription;
  });
  const move = writeTransaction(db, (id: string, to: MovedChat, now: number): boolean => {
    const current = get(id);
    if (current === undefined) throw new SubscriptionNotFoundError(id);
    const target = movedTarget(current.target, to);
    if (q.byTarget.get(targetParams(target)) !== undefined) return false;
    q.move.run({ id, ...targetParams(target), now });
    q.rekey.run({ id, chat_key: chatKeyOf(target) });
    return true;
  });
  return {
    saveSubscription: (input, now) => settle(() => save(input, now.getTime())),
    getSubscription: (id) => settle(() => get(id)),
    findByTarget: (target) => settle(() => mapOne(q.byTarget.get(targetParams(target)))),
    updateSubscription: (id, patch, now) => settle(() => update(id, patch, now.getTime())),
    deactivateSubscription: (id, reason, now) =>
      settle(() => void update(id, { active: false, inactiveReason: reason }, now.getTime())),
    moveSubscription: (id, to, now) => settle(() => move(id, to, now.getTime())),
    listSubscriptions: (filter = {}) => settle(() => list(q, filter)),
  };
}

function prepare(db: SqliteDatabase) {
  return {
    byId: db.prepare('SELECT * FROM subscriptions WHERE id = ?'),
    byTarget: db.prepare(
      `SELECT * FROM subscriptions
       WHERE platform = @platform AND chat_id = @chat_id AND thread_id = @thread_id`,
    ),
    insert: db.prepare(
      `INSERT INTO subscriptions (id, platform, chat_id, thread_id, kind, filters, mode, active,
         inactive_reason, created_by, created_at, updated_at)
       VALUES (@id, @platform, @chat_id, @thread_id, @kind, @filters, @mode, 1, NULL,
         @created_by, @now, @now)`,
    ),
    reactivate: db.prepare(
      `UPDATE subscriptions SET kind = @kind, filters = @filters, mode = @mode, active = 1,
         inactive_reason = NULL, updated_at = @now WHERE id = @id`,
    ),
    update: db.prepare(
      `UPDATE subscriptions SET filters = @filters, mode = @mode, active = @active,
         inactive_reason = @inactive_reason, updated_at = @now WHERE id = @id`,
    ),
    move: db.prepare(
      `UPDATE subscriptions SET chat_id = @chat_id, thread_id = @thread_id, updated_at = @now
       WHERE id = @id AND platform = @platform`,
    ),
    rekey: db.prepare('UPDATE outbox SET chat_key = @chat_key WHERE subscription_id = @id'),
    list: db.prepare(
      `SELECT * FROM subscriptions
       WHERE (@active IS NULL OR active = @active) AND (@platform IS NULL OR platform = @platform)
       ORDER BY created_at, rowid`,
    ),
  };
}

type Queries = ReturnType<typeof prepare>;

function list(q: Queries, filter: { active?: boolean; platform?: string }): Subscription[] {
  const active = filter.active === undefined ? null : Number(filter.active);
  const rows = q.list.all({ active, platform: filter.platform ?? null }) as SubscriptionRow[];
  return rows.map(rowToSubscription);
}

function targetParams(target: Target) {
  return { platform: target.platform, chat_id: target.chatId, thread_id: target.threadId ?? '' };
}

function contentParams(input: NewSubscription) {
  return {
    kind: input.target.kind,
    filters: JSON.stringify(input.filters),
    mode: JSON.stringify(input.mode),
  };
}

function insertParams(input: NewSubscription, now: number) {
  return {
    id: randomUUID(),
    ...targetParams(input.target),
    ...contentParams(input),
    created_by: input.createdBy,
    now,
  };
}

function patchParams(current: Subscription, patch: SubscriptionPatch, now: number) {
  const active = patch.active ?? current.active;
  const reason = active ? null : (patch.inactiveReason ?? current.inactiveReason ?? null);
  return {
    id: current.id,
    filters: JSON.stringify(patch.filters ?? current.filters),
    mode: JSON.stringify(patch.mode ?? current.mode),
    active: Number(active),
    inactive_reason: reason,
    now,
  };
}

function mapOne(row: unknown): Subscription | undefined {
  return row === undefined ? undefined : rowToSubscription(row as SubscriptionRow);
}

function rowToSubscription(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    target: {
      platform: row.platform,
      chatId: row.chat_id,
      ...(row.thread_id === '' ? {} : { threadId: row.thread_id }),
      kind: row.kind,
    },
    filters: FiltersSchema.parse(JSON.parse(row.filters)),
    mode: DeliveryModeSchema.parse(JSON.parse(row.mode)),
    active: row.active === 1,
    ...(row.inactive_reason === null ? {} : { inactiveReason: row.inactive_reason }),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
