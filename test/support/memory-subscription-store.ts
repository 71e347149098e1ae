import {
  movedTarget,
  type MovedChat,
  type Subscription,
  type Target,
} from '../../src/domain/subscription.ts';
import type {
  NewSubscription,
  SubscriptionPatch,
  SubscriptionStore,
} from '../../src/store/subscription-store.ts';

function sameTarget(a: Target, b: Target): boolean {
  return (
    a.platform === b.platform && a.chatId === b.chatId && (a.threadId ?? '') === (b.threadId ?? '')
  );
}

/** An in-memory SubscriptionStore for tests: one subscription per target, like the real one. */
export function createMemorySubscriptionStore(): SubscriptionStore & { all(): Subscription[] } {
  const subs: Subscription[] = [];
  let next = 1;
  const find = (id: string) => subs.find((s) => s.id === id);
  const replace = (updated: Subscription) => {
    subs[subs.findIndex((s) => s.id === updated.id)] = updated;
    return structuredClone(updated);
  };
  const update = (id: string, patch: SubscriptionPatch, now: Date): Subscription => {
    const current = find(id);
    if (current === undefined) throw new Error(`no subscription with id ${id}`);
    const active = patch.active ?? current.active;
    const reason = active ? undefined : (patch.inactiveReason ?? current.inactiveReason);
    const { id: same, target, createdBy, createdAt } = current;
    return replace({
      id: same,
      target,
      createdBy,
      createdAt,
      filters: patch.filters ?? current.filters,
      mode: patch.mode ?? current.mode,
      policy: patch.policy ?? current.policy ?? 'event',
      preferences: patch.preferences ?? current.preferences ?? {},
      active,
      ...(reason === undefined ? {} : { inactiveReason: reason }),
      updatedAt: now,
    });
  };
  const save = (input: NewSubscription, now: Date): Subscription => {
    const existing = subs.find((s) => sameTarget(s.target, input.target));
    if (existing !== undefined) {
      const policy = input.policy === undefined ? {} : { policy: input.policy };
      return update(
        existing.id,
        { filters: input.filters, mode: input.mode, active: true, ...policy },
        now,
      );
    }
    const created: Subscription = {
      id: `sub-${next++}`,
      ...structuredClone(input),
      policy: input.policy ?? 'event',
      preferences: {},
      active: true,
      createdAt: now,
      updatedAt: now,
    };
    subs.push(created);
    return structuredClone(created);
  };
  /** No outbox here: only the subscription moves. */
  const move = (id: string, to: MovedChat, now: Date): boolean => {
    const current = find(id);
    if (current === undefined) throw new Error(`no subscription with id ${id}`);
    const target = movedTarget(current.target, to);
    if (subs.some((s) => sameTarget(s.target, target))) return false;
    replace({ ...current, target, updatedAt: now });
    return true;
  };
  return {
    all: () => structuredClone(subs),
    saveSubscription: (input, now) => Promise.resolve(save(input, now)),
    getSubscription: (id) => Promise.resolve(structuredClone(find(id))),
    findByTarget: (target) =>
      Promise.resolve(structuredClone(subs.find((s) => sameTarget(s.target, target)))),
    updateSubscription: (id, patch, now) => Promise.resolve().then(() => update(id, patch, now)),
    deactivateSubscription: (id, reason, now) =>
      Promise.resolve().then(() => void update(id, { active: false, inactiveReason: reason }, now)),
    moveSubscription: (id, to, now) => Promise.resolve().then(() => move(id, to, now)),
    listSubscriptions: (filter = {}) =>
      Promise.resolve(
        structuredClone(
          subs.filter(
            (s) =>
              (filter.active === undefined || s.active === filter.active) &&
              (filter.platform === undefined || s.target.platform === filter.platform),
          ),
        ),
      ),
  };
}
