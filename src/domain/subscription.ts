import { z } from 'zod';

export const PLATFORMS = ['telegram', 'discord', 'whatsapp', 'console'] as const;
export const PlatformNameSchema = z.enum(PLATFORMS);
export type PlatformName = z.infer<typeof PlatformNameSchema>;

/** Where messages go: a chat, channel or person on one platform. */
export const TargetSchema = z.object({
  platform: PlatformNameSchema,
  /** The platform's id: Telegram chat id or @channel, Discord channel id, WhatsApp JID. */
  chatId: z.string().min(1).max(200),
  /** Telegram forum topic (message_thread_id); absent elsewhere. */
  threadId: z.string().min(1).max(50).optional(),
  kind: z.enum(['private', 'group', 'channel']),
});
export type Target = z.infer<typeof TargetSchema>;

/** Where a subscription moves: a chat (and topic) on its own platform. */
export type MovedChat = Pick<Target, 'chatId' | 'threadId'>;

/** `target` once its chat moved to `to` (same platform and kind). */
export function movedTarget(target: Target, to: MovedChat): Target {
  const { threadId: _old, ...rest } = target;
  const thread = to.threadId === undefined ? {} : { threadId: to.threadId };
  return { ...rest, chatId: to.chatId, ...thread };
}

/** The outbox's per-target FIFO key (platform, chat, thread): one row of a key is in flight. */
export function chatKeyOf(target: Target): string {
  const base = `${target.platform}:${target.chatId}`;
  return target.threadId === undefined ? base : `${base}#${target.threadId}`;
}

const term = z.string().min(1).max(100);

/** Which stories a subscription takes. Empty include lists mean "everything". */
export const FiltersSchema = z.object({
  includeTopics: z.array(term).max(50),
  excludeTopics: z.array(term).max(50),
  includeKeywords: z.array(term).max(50),
  excludeKeywords: z.array(term).max(50),
});
export type Filters = z.infer<typeof FiltersSchema>;

export const EMPTY_FILTERS: Filters = {
  includeTopics: [],
  excludeTopics: [],
  includeKeywords: [],
  excludeKeywords: [],
};

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM (24 h)');

/** Instant: every matching story as it comes. Digest: one message at each given time. */
export const DeliveryModeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('instant') }),
  z.object({ kind: z.literal('digest'), times: z.array(hhmm).min(1).max(6) }),
]);
export type DeliveryMode = z.infer<typeof DeliveryModeSchema>;

/**
 * How a subscription takes an event several outlets report (ADR 0025). `event` (the default):
 * one post per event, the first report that reaches the chat, updated in place as other
 * outlets report it; `event+updates`: also a threaded follow-up when a later report adds
 * something; `every`: every article as it comes.
 */
export const DELIVERY_POLICIES = ['event', 'event+updates', 'every'] as const;
export const DeliveryPolicySchema = z.enum(DELIVERY_POLICIES);
export type DeliveryPolicy = z.infer<typeof DeliveryPolicySchema>;
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = 'event';

/** A subscription's policy (a subscription built without one has the default). */
export const policyOf = (sub: { policy?: DeliveryPolicy | undefined }): DeliveryPolicy =>
  sub.policy ?? DEFAULT_DELIVERY_POLICY;
/** Hours when a chat gets nothing; what comes meanwhile waits for their end (HH:MM, chat's zone). */
export const QuietHoursSchema = z.object({ from: hhmm, to: hhmm });
export type QuietHours = z.infer<typeof QuietHoursSchema>;

/** A chat's own choices about how stories reach it; each left out takes the default. */
export const ChatPreferencesSchema = z.object({
  /** IANA zone of its digest times, quiet hours and times shown (default HERALD_TIMEZONE). */
  timezone: z.string().min(1).max(64).optional(),
  quiet: QuietHoursSchema.optional(),
  /** Link previews under a post (default on). */
  previews: z.boolean().optional(),
  /** The story's image with a post (default on). */
  images: z.boolean().optional(),
  /** The language of replies and card labels (default HERALD_REPLY_LANGUAGE). */
  language: z.string().min(2).max(10).optional(),
  /**
   * Several stories waiting for the chat at once go as one message: the first story's card
   * and a numbered list of the others (default on; `batch off`: one message each).
   */
  batch: z.boolean().optional(),
});
export type ChatPreferences = z.infer<typeof ChatPreferencesSchema>;

export const SubscriptionSchema = z.object({
  id: z.string().min(1),
  target: TargetSchema,
  filters: FiltersSchema,
  mode: DeliveryModeSchema,
  /** Absent means the default (`event`); the stores always give it. */
  policy: DeliveryPolicySchema.optional(),
  /** The chat's own choices (none: every default). */
  preferences: ChatPreferencesSchema.optional(),
  active: z.boolean(),
  /** Why it was deactivated (blocked, kicked, missing permission, unsubscribed). */
  inactiveReason: z.string().optional(),
  /** Who created it: "<platform>:<user id>" or "operator". */
  createdBy: z.string().min(1),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Subscription = z.infer<typeof SubscriptionSchema>;
