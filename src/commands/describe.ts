import type { Translate } from '../domain/i18n.ts';
import {
  policyOf,
  type DeliveryPolicy,
  type Filters,
  type Subscription,
} from '../domain/subscription.ts';

/** What each delivery policy does, as `settings` and the listings say it (locale keys). */
const POLICY_KEY = {
  event: 'describe.policyEvent',
  'event+updates': 'describe.policyEventUpdates',
  every: 'describe.policyEvery',
} as const satisfies Readonly<Record<DeliveryPolicy, string>>;

function list(items: readonly string[]): string {
  return items.join(', ');
}

/** A subscription in a few lines, as `settings` and the subscription replies show it. */
export function describeSubscription(t: Translate, sub: Subscription): string {
  const f = sub.filters;
  const lines = [
    sub.active
      ? t('describe.subscribed')
      : sub.inactiveReason === undefined
        ? t('describe.notSubscribed')
        : t('describe.notSubscribedWhy', { reason: sub.inactiveReason }),
    t('describe.topics', {
      topics: f.includeTopics.length === 0 ? t('describe.all') : list(f.includeTopics),
    }),
  ];
  if (f.excludeTopics.length > 0) {
    lines.push(t('describe.exceptTopics', { topics: list(f.excludeTopics) }));
  }
  if (f.includeKeywords.length > 0) {
    lines.push(t('describe.keywords', { keywords: list(f.includeKeywords) }));
  }
  if (f.excludeKeywords.length > 0) {
    lines.push(t('describe.exceptKeywords', { keywords: list(f.excludeKeywords) }));
  }
  const delivery =
    sub.mode.kind === 'instant'
      ? t('describe.instant')
      : t('describe.digest', { times: list(sub.mode.times) });
  const policy = policyOf(sub);
  lines.push(t('describe.policy', { delivery, policy, what: t(POLICY_KEY[policy]) }));
  return lines.join('\n');
}

const quoted = (terms: readonly string[]) =>
  terms.map((term) => (term.includes(' ') ? `"${term}"` : term)).join(', ');

/** The chat's word filters, as `filter` and `filters` show them. */
export function describeFilters(t: Translate, f: Filters): string {
  if (f.includeKeywords.length + f.excludeKeywords.length === 0) return t('filters.none');
  const lines = [t('filters.head')];
  if (f.includeKeywords.length > 0) {
    lines.push(t('filters.only', { words: quoted(f.includeKeywords) }));
  }
  if (f.excludeKeywords.length > 0) {
    lines.push(t('filters.never', { words: quoted(f.excludeKeywords) }));
  }
  return lines.join('\n');
}

/** The chat's time zone, quiet hours, previews, images, batching and language. */
export function describePreferences(
  t: Translate,
  sub: Subscription,
  defaults: { timezone: string; language: string },
): string {
  const p = sub.preferences ?? {};
  const onOff = (off: boolean) => t(off ? 'prefs.off' : 'prefs.on');
  const zone = p.timezone ?? t('prefs.zoneDefault', { zone: defaults.timezone });
  const hours =
    p.quiet === undefined
      ? t('prefs.quietNone')
      : `${p.quiet.from}-${p.quiet.to}${t('prefs.quietNote')}`;
  return [
    t('prefs.zone', { zone }),
    t('prefs.quiet', { hours }),
    t('prefs.previews', { value: onOff(p.previews === false) }),
    t('prefs.images', { value: onOff(p.images === false) }),
    t('prefs.batch', { value: onOff(p.batch === false) }),
    t('prefs.language', { language: p.language ?? defaults.language }),
  ].join('\n');
}
