import { z } from 'zod';
import { searchTerms } from '../store/search-terms.ts';
import { words } from '../text/tokenize.ts';
import { isMessageKey, LANGUAGES, translate, translator, type Translate } from '../domain/i18n.ts';
import { REPLY_LIMITS } from '../domain/reply.ts';
import { DELIVERY_POLICIES } from '../domain/subscription.ts';
import { COMMAND_LIMITS } from './limits.ts';

/** `latest` shows this many stories unless told otherwise, and at most MAX_LATEST. */
export const DEFAULT_LATEST = 5;
export const MAX_LATEST = REPLY_LIMITS.cards;
/** `subscribe --last n`: how many of the newest matching stories a new subscriber gets. */
export const MAX_BACKFILL = 10;

/** Every command, in the order `help` lists them. */
export const COMMAND_NAMES = [
  'help',
  'latest',
  'summary',
  'related',
  'coverage',
  'search',
  'topics',
  'subscribe',
  'unsubscribe',
  'settings',
  'digest',
  'policy',
  'filter',
  'timezone',
  'quiet',
  'previews',
  'images',
  'batch',
  'language',
  'link',
  'unlink',
  'dedupe',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Other words for a command (case-insensitive). `start` is what Telegram sends first. */
export const ALIASES: Readonly<Record<string, CommandName>> = {
  start: 'help',
  h: 'help',
  '?': 'help',
  commands: 'help',
  news: 'latest',
  last: 'latest',
  sum: 'summary',
  tldr: 'summary',
  rel: 'related',
  more: 'related',
  event: 'coverage',
  timeline: 'coverage',
  find: 'search',
  sub: 'subscribe',
  follow: 'subscribe',
  unsub: 'unsubscribe',
  unfollow: 'unsubscribe',
  stop: 'unsubscribe',
  status: 'settings',
  filters: 'filter',
  tz: 'timezone',
  zone: 'timezone',
  preview: 'previews',
  image: 'images',
  lang: 'language',
};

/** What a usage line's placeholders stand for. */
export const USAGE_PARAMS = {
  max: MAX_LATEST,
  default: DEFAULT_LATEST,
  languages: LANGUAGES.join(', '),
} as const;

/** A command's usage line in a language (`help` and error replies show it). */
export function usageOf(t: Translate, name: CommandName): string {
  return t(`usage.${name}`, name === 'subscribe' ? { max: MAX_BACKFILL } : USAGE_PARAMS);
}

/** The usage line of each command, in English (Telegram's command menu). */
export const USAGE: Readonly<Record<CommandName, string>> = Object.fromEntries(
  COMMAND_NAMES.map((name) => [name, usageOf(translator('en'), name)]),
) as Record<CommandName, string>;

export const STORY_HINT = translate('en', 'hint.story');

const storyRef = z
  .string()
  .min(1, 'invalid.storyMissing')
  .max(COMMAND_LIMITS.maxInputChars, 'invalid.storyTooLong');

const topicName = z.string().min(1).max(100, 'invalid.topicTooLong');
const topicList = z.array(topicName).max(50, 'invalid.topicsTooMany');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid.time');
const hhmmQuiet = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid.quietTime');

/** Word filters: at most this many words in each list, each at most this long. */
export const FILTER_LIMITS = { words: 20, chars: 60 } as const;

const filterTerm = z
  .string()
  .min(1, 'invalid.filterEmpty')
  .max(FILTER_LIMITS.chars, 'invalid.filterTooLong')
  .refine((t) => words(t.replace(/^source:/i, '')).length > 0, 'invalid.filterNoWord');

const FILTER_SHAPE = 'invalid.filterShape';

const onOff = z.enum(['on', 'off', 'show'], { error: 'invalid.onOff' });

const policySchema = z.enum(DELIVERY_POLICIES, {
  error: `Give a policy: ${DELIVERY_POLICIES.join(', ')}.`,
});

const countSchema = z
  .number({ error: 'invalid.count' })
  .int('invalid.count')
  .min(1, 'invalid.count')
  .max(MAX_LATEST, 'invalid.countTooMany');

/** A parsed command: platform-neutral, already validated. */
export const CommandSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('help'), about: z.enum(COMMAND_NAMES).optional() }),
  z.object({ name: z.literal('latest'), count: countSchema, topic: topicName.optional() }),
  z.object({ name: z.literal('summary'), story: storyRef }),
  z.object({ name: z.literal('related'), story: storyRef }),
  z.object({ name: z.literal('coverage'), story: storyRef }),
  z.object({
    name: z.literal('search'),
    words: z.string().refine((t) => searchTerms(t).length > 0, 'invalid.searchWords'),
  }),
  z.object({ name: z.literal('topics') }),
  z.object({
    name: z.literal('subscribe'),
    topics: topicList,
    /** `--policy <policy>` among the words. */
    policy: policySchema.optional(),
    last: z
      .number({ error: 'invalid.last' })
      .int('invalid.last')
      .min(0, 'invalid.last')
      .max(MAX_BACKFILL, 'invalid.last')
      .optional(),
  }),
  z.object({ name: z.literal('unsubscribe'), topics: topicList }),
  z.object({ name: z.literal('settings') }),
  z.object({
    name: z.literal('digest'),
    /** Back to every story as it comes; `times` is then empty. */
    off: z.boolean(),
    times: z.array(hhmm).max(6, 'invalid.timesTooMany'),
  }),
  z.object({ name: z.literal('policy'), policy: policySchema }),
  z.object({
    name: z.literal('filter'),
    action: z.enum(['show', 'clear', 'edit'], { error: FILTER_SHAPE }),
    changes: z
      .array(z.object({ include: z.boolean(), term: filterTerm }))
      .max(10, 'invalid.filterTooMany'),
  }),
  z.object({
    name: z.literal('timezone'),
    zone: z.string().max(64, 'invalid.zoneTooLong').optional(),
  }),
  z.object({
    name: z.literal('quiet'),
    /** undefined: show them; null: off. */
    hours: z
      .object({
        from: hhmmQuiet,
        to: hhmmQuiet,
      })
      .refine((h) => h.from !== h.to, 'invalid.quietSame')
      .nullable()
      .optional(),
  }),
  z.object({ name: z.literal('previews'), value: onOff }),
  z.object({ name: z.literal('images'), value: onOff }),
  z.object({ name: z.literal('batch'), value: onOff }),
  z.object({
    name: z.literal('link'),
    code: z
      .string()
      .regex(/^[A-Z0-9]{4,12}$/, 'invalid.linkCode')
      .optional(),
  }),
  z.object({ name: z.literal('unlink') }),
  z.object({
    name: z.literal('language'),
    code: z.enum(LANGUAGES, { error: 'invalid.language' }).optional(),
  }),
  z.object({ name: z.literal('dedupe'), value: onOff }),
]);
export type Command = z.infer<typeof CommandSchema>;

/** What the placeholders of the `invalid.*` messages stand for. */
export const INVALID_PARAMS = {
  max: MAX_LATEST,
  maxLast: MAX_BACKFILL,
  maxChars: FILTER_LIMITS.chars,
  languages: LANGUAGES.join(', '),
} as const;

/** A schema message (a message key) in a language; other text as it is. */
export function invalidMessage(t: Translate, message: string): string {
  return isMessageKey(message) ? t(message, INVALID_PARAMS) : message;
}
