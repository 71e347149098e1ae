import type { Reply } from '../../domain/reply.ts';
import type { ChatPreferences, QuietHours, Subscription } from '../../domain/subscription.ts';
import { FiltersSchema } from '../../domain/subscription.ts';
import { FILTER_LIMITS, usageOf, type CommandName } from '../command.ts';
import { translate, type Language } from '../../domain/i18n.ts';
import { describeFilters, describePreferences } from '../describe.ts';
import type { Run } from '../deps.ts';
import { clearKeywords, editKeywords, type KeywordChange } from '../filters-edit.ts';
import { notice, usageError } from '../replies.ts';
import { quote } from '../text.ts';
import { resolveTimeZone } from '../time-zones.ts';
import { mayChange, notAllowed } from './permission.ts';

type Changed = { ok: true; sub: Subscription } | { ok: false; reply: Reply };

/** This chat's active subscription, when the user may change it; else the reply saying why. */
async function changeable(run: Run, name: CommandName): Promise<Changed> {
  if (!(await mayChange(run))) return { ok: false, reply: notAllowed(name, run) };
  const sub = await run.deps.subscriptions.findByTarget(run.context.target);
  if (sub?.active !== true) {
    return {
      ok: false,
      reply: usageError(run.t, name, run.t('sub.subscribeFirst')),
    };
  }
  return { ok: true, sub };
}

async function current(run: Run): Promise<Subscription | undefined> {
  const sub = await run.deps.subscriptions.findByTarget(run.context.target);
  return sub?.active === true ? sub : undefined;
}

/** A change to the preferences: a key set to undefined goes back to its default. */
type PreferenceChange = { [K in keyof ChatPreferences]?: ChatPreferences[K] | undefined };

async function savePreferences(
  run: Run,
  sub: Subscription,
  change: PreferenceChange,
): Promise<Subscription> {
  const merged: PreferenceChange = { ...sub.preferences, ...change };
  const preferences = Object.fromEntries(
    Object.entries(merged).filter(([, value]) => value !== undefined),
  ) as ChatPreferences;
  return run.deps.subscriptions.updateSubscription(sub.id, { preferences }, run.deps.clock.now());
}

/** `filter +word -word +"two words" -source:<name>`, `filter clear`, `filter` / `filters`. */
export async function filter(
  run: Run,
  action: 'show' | 'clear' | 'edit',
  changes: readonly KeywordChange[],
): Promise<Reply> {
  if (action === 'show') {
    const sub = await current(run);
    return notice(sub === undefined ? run.t('sub.noneShort') : describeFilters(run.t, sub.filters));
  }
  const found = await changeable(run, 'filter');
  if (!found.ok) return found.reply;
  const filters =
    action === 'clear'
      ? clearKeywords(found.sub.filters)
      : editKeywords(found.sub.filters, changes);
  const longest = Math.max(filters.includeKeywords.length, filters.excludeKeywords.length);
  if (longest > FILTER_LIMITS.words || !FiltersSchema.safeParse(filters).success) {
    return usageError(run.t, 'filter', run.t('filters.tooMany', { max: FILTER_LIMITS.words }));
  }
  const now = run.deps.clock.now();
  const updated = await run.deps.subscriptions.updateSubscription(found.sub.id, { filters }, now);
  return notice(describeFilters(run.t, updated.filters));
}

/** `timezone [Area/City]`: shows or sets the zone of this chat's times. */
export async function timezone(run: Run, typed: string | undefined): Promise<Reply> {
  if (typed === undefined) {
    const sub = await current(run);
    return notice(run.t('prefs.zone', { zone: zoneOf(run, sub) }));
  }
  const found = await changeable(run, 'timezone');
  if (!found.ok) return found.reply;
  const zone = resolveTimeZone(typed);
  if (!zone.ok) {
    const guess =
      zone.suggestion === undefined ? '' : run.t('zone.guess', { zone: zone.suggestion });
    const named = quote(typed, run.limits.echoChars);
    return usageError(run.t, 'timezone', run.t('zone.unknown', { zone: named, guess }));
  }
  const updated = await savePreferences(run, found.sub, { timezone: zone.zone });
  return notice(describePreferences(run.t, updated, defaultsOf(run)));
}

/** `quiet HH:MM-HH:MM`, `quiet off`, `quiet`. */
export async function quiet(run: Run, hours: QuietHours | null | undefined): Promise<Reply> {
  if (hours === undefined) {
    const sub = await current(run);
    return notice(
      sub === undefined ? run.t('sub.noneShort') : describePreferences(run.t, sub, defaultsOf(run)),
    );
  }
  const found = await changeable(run, 'quiet');
  if (!found.ok) return found.reply;
  const updated = await savePreferences(run, found.sub, { quiet: hours ?? undefined });
  return notice(describePreferences(run.t, updated, defaultsOf(run)));
}

/** `previews on|off`, `images on|off` and `batch on|off`. */
export async function toggle(
  run: Run,
  name: 'previews' | 'images' | 'batch',
  value: 'on' | 'off' | 'show',
): Promise<Reply> {
  if (value === 'show') {
    const sub = await current(run);
    return notice(
      sub === undefined ? run.t('sub.noneShort') : describePreferences(run.t, sub, defaultsOf(run)),
    );
  }
  const found = await changeable(run, name);
  if (!found.ok) return found.reply;
  const on = value === 'on';
  const change: PreferenceChange = { [name]: on };
  const updated = await savePreferences(run, found.sub, change);
  return notice(describePreferences(run.t, updated, defaultsOf(run)));
}

export function defaultsOf(run: Run): { timezone: string; language: string } {
  return {
    timezone: run.deps.defaultTimezone ?? 'UTC',
    language: run.deps.defaultLanguage ?? 'en',
  };
}

function zoneOf(run: Run, sub: Subscription | undefined): string {
  return sub?.preferences?.timezone ?? defaultsOf(run).timezone;
}

/** `language [code]`: shows or sets the language of replies and card labels here. */
export async function language(run: Run, code: Language | undefined): Promise<Reply> {
  if (code === undefined) {
    const sub = await current(run);
    const shown = sub?.preferences?.language ?? defaultsOf(run).language;
    return notice(`${run.t('prefs.language', { language: shown })}\n${usageOf(run.t, 'language')}`);
  }
  const found = await changeable(run, 'language');
  if (!found.ok) return found.reply;
  await savePreferences(run, found.sub, { language: code });
  return notice(translate(code, 'language.set'));
}
