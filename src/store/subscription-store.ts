import type {
  ChatPreferences,
  DeliveryMode,
  DeliveryPolicy,
  Filters,
  MovedChat,
  Subscription,
  Target,
} from '../domain/subscription.ts';

export interface NewSubscription {
  target: Target;
  filters: Filters;
  mode: DeliveryMode;
  /** Default `event`; absent on a known target: the subscription keeps its own. */
  policy?: DeliveryPolicy;
  createdBy: string;
}

export interface SubscriptionPatch {
  filters?: Filters;
  mode?: DeliveryMode;
  policy?: DeliveryPolicy;
  /** Replaces the chat's preferences as a whole. */
  preferences?: ChatPreferences;
  active?: boolean;
  inactiveReason?: string;
}

/**
 * Subscriptions: one per target (platform + chat + thread). Creating one for a target that
 * already has one reactivates and updates it instead.
 */
export interface SubscriptionStore {
  saveSubscription(input: NewSubscription, now: Date): Promise<Subscription>;
  getSubscription(id: string): Promise<Subscription | undefined>;
  findByTarget(target: Target): Promise<Subscription | undefined>;
  updateSubscription(id: string, patch: SubscriptionPatch, now: Date): Promise<Subscription>;
  /** Marks it inactive with the reason (blocked, kicked, unsubscribed, ...). */
  deactivateSubscription(id: string, reason: string, now: Date): Promise<void>;
  /**
   * Points it at another chat on the same platform (the chat's new id after a Telegram group
   * became a supergroup), keeping its id, kind, filters and mode; its outbox rows follow (their
   * chat key changes in the same transaction). Returns false and changes nothing when that
   * chat already has a subscription of its own.
   */
  moveSubscription(id: string, to: MovedChat, now: Date): Promise<boolean>;
  listSubscriptions(filter?: { active?: boolean; platform?: string }): Promise<Subscription[]>;
}

/** Thrown when an update names a subscription that does not exist. */
export class SubscriptionNotFoundError extends Error {
  override readonly name = 'SubscriptionNotFoundError';
  constructor(readonly subscriptionId: string) {
    super(`no subscription with id ${subscriptionId}`);
  }
}
