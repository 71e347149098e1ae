import {
  DELIVERY_POLICIES,
  DeliveryPolicySchema,
  type Subscription,
} from '../domain/subscription.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';

/*
 * The operator's subscription use cases, shared by the CLI (`herald subscription ...`) and
 * the web panel. A removed subscription is kept, inactive: its outbox rows remember what was
 * sent, so the chat subscribing again is never sent a story twice.
 */

export const PAUSED_BY_OPERATOR = 'paused by the operator';
export const REMOVED_BY_OPERATOR = 'removed by the operator';

export type AdminOutcome =
  { ok: true; subscription: Subscription; changed: boolean } | { ok: false; reason: string };

type Store = Pick<
  SubscriptionStore,
  'getSubscription' | 'deactivateSubscription' | 'updateSubscription'
>;

async function found(store: Store, id: string) {
  const subscription = await store.getSubscription(id.trim());
  return subscription === undefined
    ? { ok: false as const, reason: `no subscription with id "${id}" (see: herald subscriptions)` }
    : { ok: true as const, subscription };
}

/** Stops deliveries to the chat until resumed (inactive, reason PAUSED_BY_OPERATOR). */
export function pauseSubscription(store: Store, id: string, now: Date): Promise<AdminOutcome> {
  return deactivate(store, id, PAUSED_BY_OPERATOR, now);
}

/** Stops deliveries for good (kept inactive with REMOVED_BY_OPERATOR; see above). */
export function removeSubscription(store: Store, id: string, now: Date): Promise<AdminOutcome> {
  return deactivate(store, id, REMOVED_BY_OPERATOR, now);
}

/** Delivers to the chat again, whatever deactivated it (blocked, paused, removed). */
export async function resumeSubscription(
  store: Store,
  id: string,
  now: Date,
): Promise<AdminOutcome> {
  const current = await found(store, id);
  if (!current.ok) return current;
  if (current.subscription.active) return { ...current, changed: false };
  const subscription = await store.updateSubscription(
    current.subscription.id,
    { active: true },
    now,
  );
  return { ok: true, subscription, changed: true };
}

async function deactivate(
  store: Store,
  id: string,
  reason: string,
  now: Date,
): Promise<AdminOutcome> {
  const current = await found(store, id);
  if (!current.ok) return current;
  const { subscription } = current;
  if (!subscription.active && subscription.inactiveReason === reason)
    return { ...current, changed: false };
  await store.deactivateSubscription(subscription.id, reason, now);
  const after = await store.getSubscription(subscription.id);
  return { ok: true, subscription: after ?? subscription, changed: true };
}

/** Sets how the subscription takes an event several outlets report (`event`, ...). */
export async function setSubscriptionPolicy(
  store: Store,
  id: string,
  policy: string,
  now: Date,
): Promise<AdminOutcome> {
  const parsed = DeliveryPolicySchema.safeParse(policy.trim().toLowerCase());
  if (!parsed.success)
    return { ok: false, reason: `unknown policy "${policy}" (${DELIVERY_POLICIES.join(', ')})` };
  const current = await found(store, id);
  if (!current.ok) return current;
  if (current.subscription.policy === parsed.data) return { ...current, changed: false };
  const subscription = await store.updateSubscription(
    current.subscription.id,
    { policy: parsed.data },
    now,
  );
  return { ok: true, subscription, changed: true };
}

/**
 * Sets whether stories waiting for the chat together go as one message (`on`, the default)
 * or one message each (`off`): the chat's `batch` preference (ADR 0029).
 */
export async function setSubscriptionBatch(
  store: Store,
  id: string,
  value: string,
  now: Date,
): Promise<AdminOutcome> {
  const word = value.trim().toLowerCase();
  if (word !== 'on' && word !== 'off') return { ok: false, reason: `"${value}": say on or off` };
  const current = await found(store, id);
  if (!current.ok) return current;
  const batch = word === 'on';
  const preferences = current.subscription.preferences ?? {};
  if ((preferences.batch !== false) === batch) return { ...current, changed: false };
  const subscription = await store.updateSubscription(
    current.subscription.id,
    { preferences: { ...preferences, batch } },
    now,
  );
  return { ok: true, subscription, changed: true };
}
