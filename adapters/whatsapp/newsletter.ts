import {
  type Clock,
  type Log,
  EMPTY_FILTERS,
  type Target,
  type SubscriptionStore,
} from '../../src/index.ts';

export function newsletterTarget(jid: string): Target {
  return { platform: 'whatsapp', chatId: jid, kind: 'channel' };
}

/**
 * Makes the configured WhatsApp Channel a subscriber of every story. The outbox holds one row
 * per story and subscription, so the channel gets each story once, across restarts too. A
 * channel no longer configured is unsubscribed; one deactivated earlier (a refused send) is
 * tried again, with a log line.
 */
export async function syncNewsletter(
  subscriptions: SubscriptionStore,
  jid: string | undefined,
  clock: Clock,
  log: Log,
): Promise<void> {
  const channels = await subscriptions.listSubscriptions({ active: true, platform: 'whatsapp' });
  for (const old of channels) {
    if (old.target.kind !== 'channel' || old.target.chatId === jid) continue;
    await subscriptions.deactivateSubscription(
      old.id,
      'newsletter no longer configured',
      clock.now(),
    );
    log.info({ chatId: old.target.chatId }, 'whatsapp: old newsletter unsubscribed');
  }
  if (jid === undefined) return;
  const target = newsletterTarget(jid);
  const existing = await subscriptions.findByTarget(target);
  if (existing?.active === true) return;
  if (existing !== undefined) {
    log.warn(
      { chatId: jid, was: existing.inactiveReason },
      'whatsapp: newsletter subscribed again',
    );
  }
  await subscriptions.saveSubscription(
    { target, filters: EMPTY_FILTERS, mode: { kind: 'instant' }, createdBy: 'operator' },
    clock.now(),
  );
}
