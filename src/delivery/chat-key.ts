import type { Target } from '../domain/subscription.ts';

/** The per-target FIFO key of the outbox: one row of a key is in flight at a time. */
export function chatKeyOf(target: Target): string {
  const base = `${target.platform}:${target.chatId}`;
  return target.threadId === undefined ? base : `${base}#${target.threadId}`;
}
