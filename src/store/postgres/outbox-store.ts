import {
  OUTBOX_STATES,
  OutboxErrorKindSchema,
  OutboxStateSchema,
  type OutboxRow,
} from '../../domain/outbox.ts';
import { PlatformNameSchema } from '../../domain/subscription.ts';
import type { ClaimRequest, NewOutboxRow, OutboxCounts, OutboxStore } from '../outbox-store.ts';
import {
  CLAIM_DIGEST_SIBLINGS,
  claimHeads,
  ENQUEUE,
  MARK_DEAD,
  MARK_SENT,
  NEXT_DUE,
  RELEASE,
  RESCHEDULE,
  RECLAIM,
  RETRY_DEAD,
} from './outbox-sql.ts';
import { changed, rowsOf, type PgPool } from './pool.ts';

const DEFAULT_DIGEST_BATCH = 20;

interface PgOutboxRow {
  id: number;
  story_id: string;
  subscription_id: string;
  platform: string;
  chat_key: string;
  state: string;
  attempts: number;
  next_attempt_at: Date;
  lease_until: Date | null;
  lease_owner: string | null;
  message_id: string | null;
  last_error: string | null;
  last_error_kind: string | null;
  digest_at: Date | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
}

/**
 * The OutboxStore on PostgreSQL. Claims lock rows with FOR UPDATE SKIP LOCKED, so any number
 * of dispatchers in any number of processes take disjoint rows; a killed process's rows come
 * back when their lease runs out.
 */
export function createPgOutboxStore(pool: PgPool): OutboxStore {
  const select = (where: string, values: unknown[]) =>
    rowsOf<PgOutboxRow>(pool, `SELECT * FROM outbox ${where}`, values).then((r) => r.map(toRow));
  return {
    enqueue: (rows, now) => changed(pool, ENQUEUE, [...enqueueArrays(rows), now]),
    claimDue: (request) => claim(pool, request),
    markSent: (ids, owner, messageId, now) =>
      changed(pool, MARK_SENT, [[...ids], owner, messageId, now]),
    reschedule: (ids, owner, r, now) =>
      changed(pool, RESCHEDULE, [
        [...ids],
        owner,
        r.countAttempt ? 'failed' : 'pending',
        r.countAttempt ? 1 : 0,
        r.nextAttemptAt,
        r.error,
        r.kind,
        now,
      ]),
    markDead: (ids, owner, e, now) =>
      changed(pool, MARK_DEAD, [
        [...ids],
        owner,
        e.countAttempt === false ? 0 : 1,
        e.error,
        e.kind,
        now,
      ]),
    release: (ids, owner, now, notBefore) =>
      changed(pool, RELEASE, [[...ids], owner, now, notBefore ?? null]),
    reclaim: (processIds, now) => changed(pool, RECLAIM, [now, [...processIds]]),
    getRow: async (id) => (await select('WHERE id = $1', [id]))[0],
    countsByState: () => counts(pool),
    listDead: (limit) =>
      select(`WHERE state = 'dead' ORDER BY updated_at DESC, id DESC LIMIT $1`, [limit]),
    retryDead: (now, ids) => changed(pool, RETRY_DEAD, [now, ids === undefined ? null : [...ids]]),
    nextDueAt: async () => (await rowsOf<{ at: Date | null }>(pool, NEXT_DUE))[0]?.at ?? undefined,
    listBySubscription: (id) => select('WHERE subscription_id = $1 ORDER BY id', [id]),
  };
}

/**
 * Each statement leases its rows atomically (autocommit, one round trip): the heads first, then
 * each digest head's siblings. A crash between the two leaves the siblings due for the next claim.
 */
async function claim(c: PgPool, r: ClaimRequest): Promise<OutboxRow[]> {
  const lease = [r.now, r.owner, new Date(r.now.getTime() + r.leaseMs)];
  const values = r.platform === undefined ? [...lease, r.limit] : [...lease, r.limit, r.platform];
  const heads = (await rowsOf<PgOutboxRow>(c, claimHeads(r.platform !== undefined), values))
    .map(toRow)
    .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
  const claimed: OutboxRow[] = [];
  for (const head of heads) {
    claimed.push(head);
    if (head.digestAt === undefined) continue;
    const more = (r.digestBatch ?? DEFAULT_DIGEST_BATCH) - 1;
    if (more <= 0) continue;
    const siblings = await rowsOf<PgOutboxRow>(c, CLAIM_DIGEST_SIBLINGS, [
      ...lease,
      head.subscriptionId,
      head.id,
      more,
    ]);
    claimed.push(...siblings.map(toRow).sort((a, b) => a.id - b.id));
  }
  return claimed;
}

function enqueueArrays(rows: readonly NewOutboxRow[]): unknown[] {
  return [
    rows.map((r) => r.storyId),
    rows.map((r) => r.subscriptionId),
    rows.map((r) => r.platform),
    rows.map((r) => r.chatKey),
    rows.map((r) => r.digestAt ?? null),
  ];
}

async function counts(pool: PgPool): Promise<OutboxCounts> {
  const out = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as OutboxCounts;
  const rows = await rowsOf<{ state: keyof OutboxCounts; n: number }>(
    pool,
    'SELECT state, COUNT(*) AS n FROM outbox GROUP BY state',
  );
  for (const row of rows) out[row.state] = row.n;
  return out;
}

function toRow(row: PgOutboxRow): OutboxRow {
  return {
    id: row.id,
    storyId: row.story_id,
    subscriptionId: row.subscription_id,
    platform: PlatformNameSchema.parse(row.platform),
    chatKey: row.chat_key,
    state: OutboxStateSchema.parse(row.state),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    ...(row.lease_until === null ? {} : { leaseUntil: row.lease_until }),
    ...(row.lease_owner === null ? {} : { leaseOwner: row.lease_owner }),
    ...(row.message_id === null ? {} : { messageId: row.message_id }),
    ...(row.last_error === null ? {} : { lastError: row.last_error }),
    ...(row.last_error_kind === null
      ? {}
      : { lastErrorKind: OutboxErrorKindSchema.parse(row.last_error_kind) }),
    ...(row.digest_at === null ? {} : { digestAt: row.digest_at }),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.sent_at === null ? {} : { sentAt: row.sent_at }),
  };
}
