import { DEFAULT_DELIVERY_POLICY, type MovedChat } from '../../domain/subscription.ts';
import type { Subscription, Target } from '../../domain/subscription.ts';
import * as columns from '../subscription-rows.ts';
import { SubscriptionNotFoundError } from '../subscription-store.ts';
import type {
  NewSubscription,
  SubscriptionPatch,
  SubscriptionStore,
} from '../subscription-store.ts';
import { POSTGRES_CODEC } from './codec.ts';
import { inTransaction, rowsOf, type PgPool, type PgQueryable } from './pool.ts';

type SubscriptionRow = Record<string, unknown> & { id: string };

const COLUMNS = columns.SUBSCRIPTION_SELECT;

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
    const { target, chatKey } = columns.moveOf(row && rowToSubscription(row), id, to);
    const moved = await c.query(
      `UPDATE subscriptions SET chat_id = $2, thread_id = $3, updated_at = $4 WHERE id = $1
         AND NOT EXISTS (SELECT 1 FROM subscriptions
           WHERE platform = $5 AND chat_id = $2 AND thread_id = $3)`,
      [id, target.chatId, target.threadId ?? '', now, target.platform],
    );
    if (moved.rowCount !== 1) return false;
    await c.query(columns.REKEY_OUTBOX_PG, [id, chatKey]);
    return true;
  });
}

/** Insert, or on the target's unique key reactivate and update the row already there. */
async function save(pool: PgPool, input: NewSubscription, now: Date): Promise<Subscription> {
  const content = columns.contentColumns(input, POSTGRES_CODEC);
  const rows = await rowsOf<SubscriptionRow>(
    pool,
    `INSERT INTO subscriptions (id, platform, chat_id, thread_id, kind, filters, mode, policy,
       active, inactive_reason, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, COALESCE($10, '${DEFAULT_DELIVERY_POLICY}'), true, NULL,
       $8, $9, $9)
     ON CONFLICT (platform, chat_id, thread_id) DO UPDATE SET kind = excluded.kind,
       filters = excluded.filters, mode = excluded.mode,
       policy = COALESCE($10, subscriptions.policy), active = true, inactive_reason = NULL,
       updated_at = excluded.updated_at
     RETURNING ${COLUMNS}`,
    [
      columns.newSubscriptionId(),
      ...targetValues(input.target),
      content.kind,
      content.filters,
      content.mode,
      input.createdBy,
      now,
      content.policy,
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
    const p = columns.patchedColumns(rowToSubscription(row), patch, POSTGRES_CODEC);
    const updated = await rowsOf<SubscriptionRow>(
      c,
      `UPDATE subscriptions SET filters = $2, mode = $3, active = $4, inactive_reason = $5,
         updated_at = $6, policy = $7, preferences = $8 WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, p.filters, p.mode, p.active, p.inactive_reason, now, p.policy, p.preferences],
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
  return columns.rowToSubscription(row, POSTGRES_CODEC);
}
