import { EDIT_LANE_SUFFIX, OUTBOX_STATES, type OutboxRow } from '../../domain/outbox.ts';
import { rowToOutbox, type OutboxDbRow } from '../outbox-rows.ts';
import type {
  ClaimRequest,
  NewOutboxRow,
  OutboxActivity,
  OutboxCounts,
  OutboxStore,
} from '../outbox-store.ts';
import { POSTGRES_CODEC } from './codec.ts';
import {
  CLAIM_BATCH_FOLLOWERS,
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

type PgOutboxRow = OutboxDbRow;

/**
 * The OutboxStore on PostgreSQL. Claims lock rows with FOR UPDATE SKIP LOCKED, so any number
 * of dispatchers in any number of processes take disjoint rows; a killed process's rows come
 * back when their lease runs out.
 */
export function createPgOutboxStore(pool: PgPool): OutboxStore {
  const select = (where: string, values: unknown[]) =>
    rowsOf<PgOutboxRow>(pool, `SELECT * FROM outbox ${where}`, values).then((r) => r.map(toRow));
  return {
    enqueue: (rows, now) => changed(pool, ENQUEUE, enqueueValues(rows, now)),
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
    waiting: async () => {
      const [row] = await rowsOf<{ deliveries: number; chats: number }>(pool, WAITING);
      return row ?? { deliveries: 0, chats: 0 };
    },
    listDead: (limit) =>
      select(`WHERE state = 'dead' ORDER BY updated_at DESC, id DESC LIMIT $1`, [limit]),
    listFailing: (limit) =>
      select(`WHERE state = 'failed' ORDER BY updated_at DESC, id DESC LIMIT $1`, [limit]),
    activitySince: async (since) =>
      (await rowsOf<PgActivityRow>(pool, ACTIVITY, [since])).map((r) => ({
        hour: r.hour,
        platform: r.platform,
        state: r.state,
        count: Number(r.n),
      })),
    retryDead: (now, ids) => changed(pool, RETRY_DEAD, [now, ids === undefined ? null : [...ids]]),
    nextDueAt: async () => (await rowsOf<{ at: Date | null }>(pool, NEXT_DUE))[0]?.at ?? undefined,
    listBySubscription: (id) => select('WHERE subscription_id = $1 ORDER BY id', [id]),
    listByStories: (storyIds) => select('WHERE story_id = ANY ($1) ORDER BY id', [[...storyIds]]),
    postsOfMessage: (subscriptionId, messageId) =>
      select(`WHERE subscription_id = $1 AND message_id = $2 AND kind = 'post' ORDER BY id`, [
        subscriptionId,
        messageId,
      ]),
  };
}

/**
 * Each statement leases its rows atomically (autocommit, one round trip): the heads first, then
 * each digest head's siblings. A crash between the two leaves the siblings due for the next claim.
 */
interface PgActivityRow {
  hour: Date;
  platform: OutboxActivity['platform'];
  state: OutboxActivity['state'];
  n: string;
}

const ACTIVITY = `SELECT to_timestamp(floor(extract(epoch FROM updated_at) / 3600) * 3600) AS hour,
  platform, state, COUNT(*) AS n FROM outbox
  WHERE state IN ('sent', 'failed', 'dead') AND updated_at >= $1
  GROUP BY 1, platform, state ORDER BY 1, platform, state`;

async function claim(c: PgPool, r: ClaimRequest): Promise<OutboxRow[]> {
  const lease = [r.now, r.owner, new Date(r.now.getTime() + r.leaseMs)];
  const values = r.platform === undefined ? [...lease, r.limit] : [...lease, r.limit, r.platform];
  const heads = (await rowsOf<PgOutboxRow>(c, claimHeads(r.platform !== undefined), values))
    .map(toRow)
    .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
  const followers = await batchFollowers(c, r, lease, heads);
  const claimed: OutboxRow[] = [];
  for (const head of heads) {
    claimed.push(head, ...(followers.get(head.chatKey) ?? []));
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

/** The rows each instant post head brings along (ClaimRequest.batch), by chat key, in order. */
async function batchFollowers(
  c: PgPool,
  r: ClaimRequest,
  lease: unknown[],
  heads: readonly OutboxRow[],
): Promise<Map<string, OutboxRow[]>> {
  const posts = heads.filter((h) => h.kind === 'post' && h.digestAt === undefined);
  const more = (r.batch ?? 1) - 1;
  const byChat = new Map<string, OutboxRow[]>();
  if (more <= 0 || posts.length === 0) return byChat;
  const values = [posts.map((h) => h.id), posts.map((h) => h.chatKey)];
  const rows = await rowsOf<PgOutboxRow>(c, CLAIM_BATCH_FOLLOWERS, [
    ...lease,
    ...values,
    posts.map((h) => h.subscriptionId),
    more,
  ]);
  for (const row of rows.map(toRow).sort((a, b) => a.id - b.id)) {
    byChat.set(row.chatKey, [...(byChat.get(row.chatKey) ?? []), row]);
  }
  return byChat;
}

function enqueueValues(rows: readonly NewOutboxRow[], now: Date): unknown[] {
  return [
    rows.map((r) => r.storyId),
    rows.map((r) => r.subscriptionId),
    rows.map((r) => r.platform),
    rows.map((r) => r.chatKey),
    rows.map((r) => r.digestAt ?? null),
    now,
    rows.map((r) => r.kind ?? 'post'),
    rows.map((r) => r.replyTo ?? null),
    rows.map((r) => r.eventId ?? null),
  ];
}

/** A chat's edit lane is the same chat. */
const WAITING = `SELECT COUNT(*)::int AS deliveries,
  COUNT(DISTINCT (platform, replace(chat_key, '${EDIT_LANE_SUFFIX}', '')))::int AS chats
  FROM outbox WHERE state IN ('pending', 'sending', 'failed')`;

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
  return rowToOutbox(row, POSTGRES_CODEC);
}
