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
import { SubscriptionNotFoundError } from '../sqlite/subscription-store.ts';
import type {
  NewSubscription,
  SubscriptionPatch,
  SubscriptionStore,
} from '../subscription-store.ts';
import { inTransaction, rowsOf, type PgPool, type PgQueryable } from './pool.ts';

interface SubscriptionRow {
  id: string;
  platform: Subscription['target']['platform'];
  chat_id: string;
  thread_id: string;
  kind: Target['kind'];
  filters: unknown;
  mode: unknown;
  active: boolean;
  inactive_reason: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, platform, chat_id, thread_id, kind, filters, mode, active, inactive_reason,
  created_by, created_at, updated_at`;

/** The SubscriptionStore on PostgreSQL: one row per target; saving a known target reactivates it. */
export function createPgSubscriptionStore(pool: PgPool): SubscriptionStore {
  const get = async (db: PgQueryable, id: string) =>
    mapOne(
      await rowsOf<SubscriptionRow>(db, `SELECT ${COLUMNS} FROM subscriptions WHERE id = $1`, [id]),
    );
  return {
    saveSubscription: (input, now) => save(pool, input, now),
    getSubscription: (id) => get(pool, id),
    findByTarget: async (target) =>
      mapOne(
        await rowsOf<SubscriptionRow>(
          pool,
          `SELECT ${COLUMNS} FROM subscriptions
           WHERE platform = $1 AND chat_id = $2 AND thread_id = $3`,
          targetValues(target),
        ),
      ),
    updateSubscription: (id, patch, now) => update(pool, id, patch, now),
    deactivateSubscription: async (id, reason, now) => {
      await update(pool, id, { active: false, inactiveReason: reason }, now);
    },
    moveSubscription: (id, to, now) => move(pool, id, to, now),
    listSubscriptions: (filter = {}) => list(pool, filter),
  };
}

/** Moves the subscription and re-keys its outbox rows, unless the new chat has one already. */
function move(pool: PgPool, id: string, to: MovedChat, now: Date): Promise<boolean> {
  return inTransaction(pool, async (c) => {
    const [row] = await rowsOf<SubscriptionRow>(
      c,
      `SELECT ${COLUMNS} FROM subscriptions WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (row === undefined) throw new SubscriptionNotFoundError(id);
    const target = movedTarget(rowToSubscription(row).target, to);
    const moved = await c.query(
      `UPDATE subscriptions SET chat_id = $2, thread_id = $3, updated_at = $4 WHERE id = $1
         AND NOT EXISTS (SELECT 1 FROM subscriptions
           WHERE platform = $5 AND chat_id = $2 AND thread_id = $3)`,
      [id, target.chatId, target.threadId ?? '', now, target.platform],
    );
    if (moved.rowCount !== 1) return false;
    await c.query('UPDATE outbox SET chat_key = $2 WHERE subscription_id = $1', [
      id,
      chatKeyOf(target),
    ]);
    return true;
  });
}

/** Insert, or on the target's unique key reactivate and update the row already there. */
async function save(pool: PgPool, input: NewSubscription, now: Date): Promise<Subscription> {
  const rows = await rowsOf<SubscriptionRow>(
    pool,
    `INSERT INTO subscriptions (id, platform, chat_id, thread_id, kind, filters, mode, active,
       inactive_reason, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, true, NULL, $8, $9, $9)
     ON CONFLICT (platform, chat_id, thread_id) DO UPDATE SET kind = excluded.kind,
       filters = excluded.filters, mode = excluded.mode, active = true, inactive_reason = NULL,
       updated_at = excluded.updated_at
     RETURNING ${COLUMNS}`,
    [
      randomUUID(),
      ...targetValues(input.target),
      input.target.kind,
      JSON.stringify(input.filters),
      JSON.stringify(input.mode),
      input.createdBy,
      now,
    ],
  );
  return mapOne(rows) as Subscription;
}

function update(pool: PgPool, id: string, patch: SubscriptionPatch, now: Date) {
  return inTransaction(pool, async (c) => {
    const [row] = await rowsOf<SubscriptionRow>(
      c,
      `SELECT ${COLUMNS} FROM subscriptions WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (row === undefined) throw new SubscriptionNotFoundError(id);
    const current = rowToSubscription(row);
    const active = patch.active ?? current.active;
    const reason = active ? null : (patch.inactiveReason ?? current.inactiveReason ?? null);
    const updated = await rowsOf<SubscriptionRow>(
      c,
      `UPDATE subscriptions SET filters = $2, mode = $3, active = $4, inactive_reason = $5,
         updated_at = $6 WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        JSON.stringify(patch.filters ?? current.filters),
        JSON.stringify(patch.mode ?? current.mode),
        active,
        reason,
        now,
      ],
    );
    return mapOne(updated) as Subscription;
  });
}

async function list(
  pool: PgPool,
  filter: { active?: boolean; platform?: string },
): Promise<Subscription[]> {
  const rows = await rowsOf<SubscriptionRow>(
    pool,
    `SELECT ${COLUMNS} FROM subscriptions
     WHERE ($1::boolean IS NULL OR active = $1) AND ($2::text IS NULL OR platform = $2)
     ORDER BY created_at, seq`,
    [filter.active ?? null, filter.platform ?? null],
  );
  return rows.map(rowToSubscription);
}

function targetValues(target: Target): string[] {
  return [target.platform, target.chatId, target.threadId ?? ''];
}

function mapOne(rows: SubscriptionRow[]): Subscription | undefined {
  const [row] = rows;
  return row === undefined ? undefined : rowToSubscription(row);
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
    filters: FiltersSchema.parse(row.filters),
    mode: DeliveryModeSchema.parse(row.mode),
    active: row.active,
    ...(row.inactive_reason === null ? {} : { inactiveReason: row.inactive_reason }),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
