import type { OutboxErrorKind, OutboxRow } from '../../domain/outbox.ts';
import { OUTBOX_STATES } from '../../domain/outbox.ts';
import type {
  OutboxActivity,
  ClaimRequest,
  NewOutboxRow,
  OutboxCounts,
  OutboxStore,
  Reschedule,
  SentMark,
} from '../outbox-store.ts';
import { writeTransaction, type SqliteDatabase } from './database.ts';
import { settle } from './settle.ts';
import { prepareOutbox, type OutboxQueries } from './outbox-queries.ts';
import { rowToOutbox, type OutboxDbRow } from './outbox-rows.ts';

const DEFAULT_DIGEST_BATCH = 20;

/** The OutboxStore on SQLite. Each claim is one transaction, so two processes never share a row. */
export function createSqliteOutboxStore(db: SqliteDatabase): OutboxStore {
  const q = prepareOutbox(db);
  const enqueue = writeTransaction(db, (rows: readonly NewOutboxRow[], now: number) =>
    rows.reduce((n, row) => n + q.insert.run(insertParams(row, now)).changes, 0),
  );
  const claim = writeTransaction(db, (r: ClaimRequest) => claimRows(q, r));
  const sentMany = writeTransaction(db, (marks: readonly SentMark[], now: number) =>
    marks.map((m) =>
      m.ids.reduce(
        (n, id) => n + q.sent.run({ id, owner: m.owner, messageId: m.messageId, now }).changes,
        0,
      ),
    ),
  );
  const each = writeTransaction(db, (ids: readonly number[], run: (id: number) => number) =>
    ids.reduce((n, id) => n + run(id), 0),
  );
  const reclaim = writeTransaction(db, (processIds: readonly string[], now: number) =>
    processIds.reduce((n, id) => n + q.reclaim.run({ prefix: `${id}#`, now }).changes, 0),
  );
  return {
    enqueue: (rows, now) => settle(() => enqueue(rows, now.getTime())),
    claimDue: (request) => settle(() => claim(request)),
    markSent: (ids, owner, messageId, now) =>
      settle(() =>
        each(ids, (id) => q.sent.run({ id, owner, messageId, now: now.getTime() }).changes),
      ),
    markSentMany: (marks, now) => settle(() => sentMany(marks, now.getTime())),
    reschedule: (ids, owner, r, now) =>
      settle(() =>
        each(ids, (id) => q.reschedule.run(rescheduleParams(id, owner, r, now)).changes),
      ),
    markDead: (ids, owner, e, now) =>
      settle(() => each(ids, (id) => q.dead.run(deadParams(id, owner, e, now)).changes)),
    release: (ids, owner, now, notBefore) =>
      settle(() =>
        each(ids, (id) => q.release.run(releaseParams(id, owner, now, notBefore)).changes),
      ),
    reclaim: (processIds, now) => settle(() => reclaim(processIds, now.getTime())),
    getRow: (id) => settle(() => mapOne(q.byId.get(id))),
    countsByState: () => settle(() => counts(q)),
    waiting: () => settle(() => q.waiting.get() as { deliveries: number; chats: number }),
    listDead: (limit) => settle(() => mapAll(q.deadList.all(limit))),
    listFailing: (limit) => settle(() => mapAll(q.failingList.all(limit))),
    activitySince: (since) =>
      settle(() =>
        (q.activity.all(since.getTime()) as ActivityRow[]).map((r) => ({
          hour: new Date(r.hour),
          platform: r.platform,
          state: r.state,
          count: r.n,
        })),
      ),
    retryDead: (now, ids) => settle(() => retryDead(db, q, now.getTime(), ids)),
    nextDueAt: () => settle(() => nextDue(q)),
    listBySubscription: (id) => settle(() => mapAll(q.bySubscription.all(id))),
    postsOfMessage: (id, messageId) => settle(() => mapAll(q.postsOfMessage.all(id, messageId))),
    listByStories: (storyIds) => settle(() => mapAll(q.byStories.all(JSON.stringify(storyIds)))),
  };
}

interface ActivityRow {
  hour: number;
  platform: OutboxActivity['platform'];
  state: OutboxActivity['state'];
  n: number;
}

function claimRows(q: OutboxQueries, r: ClaimRequest): OutboxRow[] {
  const now = r.now.getTime();
  const lease = { owner: r.owner, until: now + r.leaseMs, now };
  const select = r.platform === undefined ? q.headsAll : q.headsOf;
  const heads = select.all({ now, limit: r.limit, platform: r.platform ?? null }) as HeadRow[];
  const claimed: OutboxRow[] = [];
  for (const head of heads) {
    claimed.push(take(q, head.id, lease));
    if (head.digest_at === null) {
      for (const id of batchFollowers(q, head, r, now)) claimed.push(take(q, id, lease));
      continue;
    }
    const more = q.digestSiblings.all({
      subscription: head.subscription_id,
      head: head.id,
      now,
      limit: (r.digestBatch ?? DEFAULT_DIGEST_BATCH) - 1,
    }) as { id: number }[];
    for (const sibling of more) claimed.push(take(q, sibling.id, lease));
  }
  return claimed;
}

interface HeadRow {
  id: number;
  subscription_id: string;
  digest_at: number | null;
  kind: string;
  chat_key: string;
  /** 1 when the chat has another open row after the head. */
  more: number;
}

/** The rows an instant post head brings along (ClaimRequest.batch). */
function batchFollowers(q: OutboxQueries, head: HeadRow, r: ClaimRequest, now: number): number[] {
  const limit = (r.batch ?? 1) - 1;
  if (limit <= 0 || head.kind !== 'post' || head.more === 0) return [];
  const params = { subscription: head.subscription_id, chat: head.chat_key, head: head.id };
  const rows = q.batchFollowers.all({ ...params, now, limit }) as { id: number }[];
  return rows.map((row) => row.id);
}

function take(q: OutboxQueries, id: number, lease: { owner: string; until: number; now: number }) {
  return rowToOutbox(q.lease.get({ id, ...lease }) as OutboxDbRow);
}

function insertParams(row: NewOutboxRow, now: number) {
  const digestAt = row.digestAt?.getTime() ?? null;
  return {
    story_id: row.storyId,
    subscription_id: row.subscriptionId,
    kind: row.kind ?? 'post',
    reply_to: row.replyTo ?? null,
    event_id: row.eventId ?? null,
    platform: row.platform,
    chat_key: row.chatKey,
    next_attempt_at: digestAt ?? now,
    digest_at: digestAt,
    now,
  };
}

function releaseParams(id: number, owner: string, now: Date, notBefore: Date | undefined) {
  return { id, owner, now: now.getTime(), notBefore: notBefore?.getTime() ?? null };
}

function rescheduleParams(id: number, owner: string, r: Reschedule, now: Date) {
  return {
    id,
    owner,
    state: r.countAttempt ? 'failed' : 'pending',
    add: r.countAttempt ? 1 : 0,
    next: r.nextAttemptAt.getTime(),
    error: r.error,
    kind: r.kind,
    now: now.getTime(),
  };
}

function deadParams(
  id: number,
  owner: string,
  e: { error: string; kind: OutboxErrorKind; countAttempt?: boolean },
  now: Date,
) {
  const add = e.countAttempt === false ? 0 : 1;
  return { id, owner, error: e.error, kind: e.kind, add, now: now.getTime() };
}

function retryDead(
  db: SqliteDatabase,
  q: OutboxQueries,
  now: number,
  ids: readonly number[] | undefined,
): number {
  if (ids === undefined) return q.retryAllDead.run({ now }).changes;
  return writeTransaction(db, () =>
    ids.reduce((n, id) => n + q.retryDead.run({ id, now }).changes, 0),
  )();
}

function counts(q: OutboxQueries): OutboxCounts {
  const out = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as OutboxCounts;
  for (const row of q.counts.all() as { state: keyof OutboxCounts; n: number }[]) {
    out[row.state] = row.n;
  }
  return out;
}

function nextDue(q: OutboxQueries): Date | undefined {
  const row = q.nextDue.get() as { at: number | null };
  return row.at === null ? undefined : new Date(row.at);
}

function mapOne(row: unknown): OutboxRow | undefined {
  return row === undefined ? undefined : rowToOutbox(row as OutboxDbRow);
}

function mapAll(rows: unknown[]): OutboxRow[] {
  return (rows as OutboxDbRow[]).map(rowToOutbox);
}
