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
  'impossible',
] as const;
export const OutboxErrorKindSchema = z.enum(OUTBOX_ERROR_KINDS);
export type OutboxErrorKind = z.infer<typeof OutboxErrorKindSchema>;

/**
 * What a row sends (ADR 0025): a `post` (a new message: a story, or a digest's entry), an
 * `edit` of the message its event's post became ("Also reported by ..."), or a `follow-up`
 * threaded to that post (a later report that adds something).
 */
export const OUTBOX_KINDS = ['post', 'edit', 'follow-up'] as const;
export const OutboxKindSchema = z.enum(OUTBOX_KINDS);
export type OutboxKind = z.infer<typeof OutboxKindSchema>;

/**
 * Edits go in a lane of their own beside the chat's posts (a chat key with this suffix): an
 * edit waiting for its post, or failing, never holds up the chat's next post.
 */
export const EDIT_LANE_SUFFIX = ' edits';

/** The FIFO key a row of this kind takes in a chat. */
export const laneKey = (chatKey: string, kind: OutboxKind): string =>
  kind === 'edit' ? `${chatKey}${EDIT_LANE_SUFFIX}` : chatKey;

/**
 * One delivery of one story to one subscription. Unique on (storyId, subscriptionId, kind),
 * and one post per (subscriptionId, eventId).
 */
export const OutboxRowSchema = z.object({
  /** Increases with enqueue order: a chat's rows go out in this order. */
  id: z.number().int().positive(),
  storyId: z.string().min(1),
  subscriptionId: z.string().min(1),
  kind: OutboxKindSchema,
  /** An edit's or follow-up's post: the id of the row that posted the event to the chat. */
  replyTo: z.number().int().positive().optional(),
  /** The event the row delivers (rows of a subscription on an event policy). */
  eventId: z.string().optional(),
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
