import { DEFAULT_DELIVERY_POLICY, type MovedChat } from '../../domain/subscription.ts';
import type { Subscription, Target } from '../../domain/subscription.ts';
import * as columns from '../subscription-rows.ts';
import { SubscriptionNotFoundError } from '../subscription-store.ts';
import type {
  NewSubscription,
  SubscriptionPatch,
  SubscriptionStore,
} from '../subscription-store.ts';
import { SQLITE_CODEC } from './codec.ts';
import { writeTransaction, type SqliteDatabase } from './database.ts';
import { settle } from './settle.ts';

type SubscriptionRow = Record<string, unknown> & { id: string };

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
    const { target, chatKey } = columns.moveOf(get(id), id, to);
    if (q.byTarget.get(targetParams(target)) !== undefined) return false;
    q.move.run({ id, ...targetParams(target), now });
    q.rekey.run({ id, chat_key: chatKey });
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
      `INSERT INTO subscriptions (id, platform, chat_id, thread_id, kind, filters, mode, policy,
         active, inactive_reason, created_by, created_at, updated_at)
       VALUES (@id, @platform, @chat_id, @thread_id, @kind, @filters, @mode,
         COALESCE(@policy, '${DEFAULT_DELIVERY_POLICY}'), 1, NULL, @created_by, @now, @now)`,
    ),
    reactivate: db.prepare(
      `UPDATE subscriptions SET kind = @kind, filters = @filters, mode = @mode,
         policy = COALESCE(@policy, policy), active = 1, inactive_reason = NULL,
         updated_at = @now WHERE id = @id`,
    ),
    update: db.prepare(
      `UPDATE subscriptions SET filters = @filters, mode = @mode, policy = @policy,
         preferences = @preferences, active = @active, inactive_reason = @inactive_reason,
         updated_at = @now WHERE id = @id`,
    ),
    move: db.prepare(
      `UPDATE subscriptions SET chat_id = @chat_id, thread_id = @thread_id, updated_at = @now
       WHERE id = @id AND platform = @platform`,
    ),
    rekey: db.prepare(columns.REKEY_OUTBOX_SQLITE),
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
  const found = q.list.all({ active, platform: filter.platform ?? null }) as SubscriptionRow[];
  return found.map(rowToSubscription);
}

function targetParams(target: Target) {
  return columns.targetKey(target);
}

function contentParams(input: NewSubscription) {
  return columns.contentColumns(input, SQLITE_CODEC);
}

function insertParams(input: NewSubscription, now: number) {
  return {
    id: columns.newSubscriptionId(),
    ...targetParams(input.target),
    ...contentParams(input),
    created_by: input.createdBy,
    now,
  };
}

function patchParams(current: Subscription, patch: SubscriptionPatch, now: number) {
  return { id: current.id, ...columns.patchedColumns(current, patch, SQLITE_CODEC), now };
}

function mapOne(row: unknown): Subscription | undefined {
  return row === undefined ? undefined : rowToSubscription(row as SubscriptionRow);
}

function rowToSubscription(row: SubscriptionRow): Subscription {
  return columns.rowToSubscription(row, SQLITE_CODEC);
}
