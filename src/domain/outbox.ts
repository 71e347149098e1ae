import { z } from 'zod';
import { PlatformNameSchema } from './subscription.ts';

/**
 * pending -> sending (leased) -> sent | failed (retried later) | dead (kept for the operator).
 * A 429's wait leaves the row pending (it is not a failed attempt).
 */
export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed', 'dead'] as const;
export const OutboxStateSchema = z.enum(OUTBOX_STATES);
export type OutboxState = z.infer<typeof OutboxStateSchema>;

/** Why a row last failed: the platform's outcome, or the core's own reason. */
export const OUTBOX_ERROR_KINDS = [
  'retry',
  'transient',
  'unavailable',
  'rejected',
  'invalid',
  'exhausted',
  'inactive',
  'missing',
] as const;
export const OutboxErrorKindSchema = z.enum(OUTBOX_ERROR_KINDS);
export type OutboxErrorKind = z.infer<typeof OutboxErrorKindSchema>;

/** One delivery of one story to one subscription. Unique on (storyId, subscriptionId). */
export const OutboxRowSchema = z.object({
  /** Increases with enqueue order: a chat's rows go out in this order. */
  id: z.number().int().positive(),
  storyId: z.string().min(1),
  subscriptionId: z.string().min(1),
  platform: PlatformNameSchema,
  /** The target's FIFO key (platform, chat, thread): one row of a chat is in flight at a time. */
  chatKey: z.string().min(1),
  state: OutboxStateSchema,
  /** Failed attempts so far (a 429 wait does not count). */
  attempts: z.number().int().min(0),
  /** Not claimed before this time (a digest row's is its digest time). */
  nextAttemptAt: z.date(),
  leaseUntil: z.date().optional(),
  leaseOwner: z.string().optional(),
  /** The platform's id of the message that carried it. */
  messageId: z.string().optional(),
  lastError: z.string().optional(),
  lastErrorKind: OutboxErrorKindSchema.optional(),
  /** For a digest subscription: the digest this row goes out with. */
  digestAt: z.date().optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
  sentAt: z.date().optional(),
});
export type OutboxRow = z.infer<typeof OutboxRowSchema>;

/** States a row can still leave: it is counted in the outbox depth. */
export const OPEN_OUTBOX_STATES = [
  'pending',
  'sending',
  'failed',
] as const satisfies readonly OutboxState[];
