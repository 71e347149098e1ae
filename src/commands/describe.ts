import {
  policyOf,
  type DeliveryPolicy,
  type Filters,
  type Subscription,
} from '../domain/subscription.ts';

/** What each delivery policy does, as `settings` and the listings say it. */
export const POLICY_TEXT: Readonly<Record<DeliveryPolicy, string>> = {
  event: 'one post per event, updated as other outlets report it',
  'event+updates': 'one post per event, updated, and a threaded update when it develops',
  every: 'every article',
};

function list(items: readonly string[]): string {
  return items.join(', ');
}

/** A subscription in a few lines, as `settings` and the subscription replies show it. */
export function describeSubscription(sub: Subscription): string {
  const f = sub.filters;
  const lines = [
    sub.active
      ? 'This chat is subscribed.'
      : `This chat is not subscribed${sub.inactiveReason === undefined ? '' : ` (${sub.inactiveReason})`}.`,
    `Topics: ${f.includeTopics.length === 0 ? 'all' : list(f.includeTopics)}`,
  ];
  if (f.excludeTopics.length > 0) lines.push(`Except topics: ${list(f.excludeTopics)}`);
  if (f.includeKeywords.length > 0) lines.push(`Keywords: ${list(f.includeKeywords)}`);
  if (f.excludeKeywords.length > 0) lines.push(`Except keywords: ${list(f.excludeKeywords)}`);
  const delivery =
    sub.mode.kind === 'instant'
      ? 'Delivery: every story as it comes'
      : `Delivery: a digest at ${list(sub.mode.times)}`;
  lines.push(`${delivery} · policy ${policyOf(sub)} (${POLICY_TEXT[policyOf(sub)]})`);
  return lines.join('\n');
}

const quoted = (terms: readonly string[]) =>
  terms.map((t) => (t.includes(' ') ? `"${t}"` : t)).join(', ');

/** The chat's word filters, as `filter` and `filters` show them. */
export function describeFilters(f: Filters): string {
  if (f.includeKeywords.length + f.excludeKeywords.length === 0) {
    return 'No word filters: every story of the chosen topics comes. Send filter +word or filter -word to add one.';
  }
  const lines = ['Word filters (title, summary, keywords and names; source:<name> for an outlet):'];
  if (f.includeKeywords.length > 0) lines.push(`Only with: ${quoted(f.includeKeywords)}`);
  if (f.excludeKeywords.length > 0) lines.push(`Never with: ${quoted(f.excludeKeywords)}`);
  return lines.join('\n');
}

/** The chat's time zone, quiet hours, previews and images. */
export function describePreferences(sub: Subscription, defaults: { timezone: string }): string {
  const p = sub.preferences ?? {};
  const zone = p.timezone ?? `${defaults.timezone} (the default)`;
  const quiet = p.quiet === undefined ? 'none' : `${p.quiet.from}-${p.quiet.to}`;
  return [
    `Time zone: ${zone}`,
    `Quiet hours: ${quiet}${p.quiet === undefined ? '' : ' (stories wait, then come as one digest)'}`,
    `Link previews: ${p.previews === false ? 'off' : 'on'}`,
    `Images: ${p.images === false ? 'off' : 'on'}`,
  ].join('\n');
}
