import { policyOf } from '../domain/subscription.ts';
import type { OutboxRow } from '../domain/outbox.ts';
import type { Filters, Subscription } from '../domain/subscription.ts';
import type { OutboxCounts } from '../store/outbox-store.ts';

/** One line per subscription: id, target, state, mode and filters. */
export function subscriptionLine(s: Subscription): string {
  const thread = s.target.threadId === undefined ? '' : `#${s.target.threadId}`;
  const state = s.active ? 'active' : `inactive (${s.inactiveReason ?? 'no reason recorded'})`;
  const mode = s.mode.kind === 'instant' ? 'instant' : `digest at ${s.mode.times.join(', ')}`;
  return [
    s.id,
    `${s.target.platform}:${s.target.chatId}${thread} (${s.target.kind})`,
    state,
    `${mode}, policy ${policyOf(s)}${s.preferences?.batch === false ? ', batch off' : ''}`,
    filtersText(s.filters),
    `since ${s.createdAt.toISOString()} by ${s.createdBy}`,
  ].join('  ');
}

export function filtersText(f: Filters): string {
  const parts = [
    ...(f.includeTopics.length > 0 ? [`topics: ${f.includeTopics.join(', ')}`] : []),
    ...(f.excludeTopics.length > 0 ? [`not topics: ${f.excludeTopics.join(', ')}`] : []),
    ...(f.includeKeywords.length > 0 ? [`keywords: ${f.includeKeywords.join(', ')}`] : []),
    ...(f.excludeKeywords.length > 0 ? [`not keywords: ${f.excludeKeywords.join(', ')}`] : []),
  ];
  return parts.length === 0 ? 'every story' : parts.join('; ');
}

export function subscriptionJson(s: Subscription) {
  return {
    ...s,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** Counts by state, then the dead rows with their last error. */
export function outboxText(counts: OutboxCounts, dead: readonly OutboxRow[]): string {
  const lines = [
    Object.entries(counts)
      .map(([state, n]) => `${state}: ${n}`)
      .join('  '),
  ];
  if (dead.length > 0) lines.push('', `dead rows (newest first, ${dead.length} shown):`);
  for (const row of dead) lines.push(deadLine(row));
  return lines.join('\n');
}

function deadLine(row: OutboxRow): string {
  const why = `${row.lastErrorKind ?? 'error'}: ${row.lastError ?? 'no error recorded'}`;
  return `  #${row.id} story ${row.storyId} -> ${row.chatKey} after ${row.attempts} attempt(s), ${row.updatedAt.toISOString()}: ${why}`;
}

export function outboxRowJson(row: OutboxRow) {
  return {
    ...row,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    ...(row.leaseUntil === undefined ? {} : { leaseUntil: row.leaseUntil.toISOString() }),
    ...(row.sentAt === undefined ? {} : { sentAt: row.sentAt.toISOString() }),
    ...(row.digestAt === undefined ? {} : { digestAt: row.digestAt.toISOString() }),
  };
}
