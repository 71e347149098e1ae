import { z } from 'zod';
import { searchTerms } from '../store/search-terms.ts';
import { words } from '../text/tokenize.ts';
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
};

/** The usage line of each command, as `help` and error replies show it. */
export const USAGE: Readonly<Record<CommandName, string>> = {
  help: 'help [command]: what Herald can do',
  latest: `latest [n] [topic]: the newest stories (n from 1 to ${MAX_LATEST}, default ${DEFAULT_LATEST})`,
  summary: 'summary <story>: the summary of a story',
  related: 'related <story>: other events about the same thing',
  coverage: "coverage <story>: every outlet's report of the story's event, in time order",
  search: 'search <words>: stories matching the words',
  topics: 'topics: what you can follow, with the number of stories',
  subscribe: `subscribe [--last n] [--policy <policy>] [topics...]: new stories in this chat (all of them, or these topics), starting with the newest n (0 to ${MAX_BACKFILL})`,
  unsubscribe: 'unsubscribe [topics...]: stop them (all, or only these topics)',
  settings: "settings: this chat's subscription, filters, time zone, quiet hours and posts",
  digest: 'digest <HH:MM>|off: one digest a day at that time, or (off) every story as it comes',
  policy:
    'policy event|event+updates|every: one post per event (outlets added as they report it), also threaded updates when it develops, or every article',
  filter:
    'filter +word | -word | +"two words" | -source:<name> | clear: only stories with a word, none with it; filters shows them',
  timezone: 'timezone [Area/City]: the time zone of digests, quiet hours and times shown',
  quiet: 'quiet <HH:MM-HH:MM>|off: no stories then; what came arrives as one digest when they end',
  previews: 'previews on|off: link previews under posts',
  images: 'images on|off: story images with posts',
  link: 'link [code]: a code to join your private chats on other platforms; link <code> there joins them',
  unlink: 'unlink: this private chat no longer linked to your others',
  dedupe:
    'dedupe across on|off: a story sent to one of your linked chats is not sent to the others',
};

export const STORY_HINT =
  '<story> is a number from the last list, a story id, a link, or words to search for.';

const storyRef = z
  .string()
  .min(1, 'Say which story.')
  .max(COMMAND_LIMITS.maxInputChars, 'That story reference is too long.');

const topicName = z.string().min(1).max(100, 'A topic name is at most 100 characters.');
const topicList = z.array(topicName).max(50, 'At most 50 topics at once.');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give a time as HH:MM (24 h), or off.');
const hhmmQuiet = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Give quiet hours as HH:MM-HH:MM (24 h), or off.');

/** Word filters: at most this many words in each list, each at most this long. */
export const FILTER_LIMITS = { words: 20, chars: 60 } as const;

const filterTerm = z
  .string()
  .min(1, 'Give a word after + or -.')
  .max(FILTER_LIMITS.chars, `A filter word or phrase is at most ${FILTER_LIMITS.chars} characters.`)
  .refine(
    (t) => words(t.replace(/^source:/i, '')).length > 0,
    'A filter word needs letters or digits (patterns are not supported).',
  );

const FILTER_SHAPE = 'Write filter +word, filter -word, filter +"two words" or filter clear.';

const onOff = z.enum(['on', 'off', 'show'], { error: 'Say on or off.' });

const policySchema = z.enum(DELIVERY_POLICIES, {
  error: `Give a policy: ${DELIVERY_POLICIES.join(', ')}.`,
});

const countSchema = z
  .number({ error: `Give a whole number from 1 to ${MAX_LATEST}.` })
  .int(`Give a whole number from 1 to ${MAX_LATEST}.`)
  .min(1, `Give a whole number from 1 to ${MAX_LATEST}.`)
  .max(MAX_LATEST, `At most ${MAX_LATEST} stories at once.`);

/** A parsed command: platform-neutral, already validated. */
export const CommandSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('help'), about: z.enum(COMMAND_NAMES).optional() }),
  z.object({ name: z.literal('latest'), count: countSchema, topic: topicName.optional() }),
  z.object({ name: z.literal('summary'), story: storyRef }),
  z.object({ name: z.literal('related'), story: storyRef }),
  z.object({ name: z.literal('coverage'), story: storyRef }),
  z.object({
    name: z.literal('search'),
    words: z
      .string()
      .refine((t) => searchTerms(t).length > 0, 'Give some words (letters or digits) to search.'),
  }),
  z.object({ name: z.literal('topics') }),
  z.object({
    name: z.literal('subscribe'),
    topics: topicList,
    /** `--policy <policy>` among the words. */
    policy: policySchema.optional(),
    last: z
      .number({ error: `Give --last a whole number from 0 to ${MAX_BACKFILL}.` })
      .int(`Give --last a whole number from 0 to ${MAX_BACKFILL}.`)
      .min(0, `Give --last a whole number from 0 to ${MAX_BACKFILL}.`)
      .max(MAX_BACKFILL, `Give --last a whole number from 0 to ${MAX_BACKFILL}.`)
      .optional(),
  }),
  z.object({ name: z.literal('unsubscribe'), topics: topicList }),
  z.object({ name: z.literal('settings') }),
  z.object({
    name: z.literal('digest'),
    /** Back to every story as it comes; `times` is then empty. */
    off: z.boolean(),
    times: z.array(hhmm).max(6, 'At most 6 times a day.'),
  }),
  z.object({ name: z.literal('policy'), policy: policySchema }),
  z.object({
    name: z.literal('filter'),
    action: z.enum(['show', 'clear', 'edit'], { error: FILTER_SHAPE }),
    changes: z
      .array(z.object({ include: z.boolean(), term: filterTerm }))
      .max(10, 'At most 10 filter changes at once.'),
  }),
  z.object({
    name: z.literal('timezone'),
    zone: z.string().max(64, 'A time zone name is at most 64 characters.').optional(),
  }),
  z.object({
    name: z.literal('quiet'),
    /** undefined: show them; null: off. */
    hours: z
      .object({
        from: hhmmQuiet,
        to: hhmmQuiet,
      })
      .refine((h) => h.from !== h.to, 'Quiet hours start and end at different times.')
      .nullable()
      .optional(),
  }),
  z.object({ name: z.literal('previews'), value: onOff }),
  z.object({ name: z.literal('images'), value: onOff }),
  z.object({
    name: z.literal('link'),
    code: z
      .string()
      .regex(/^[A-Z0-9]{4,12}$/, 'A link code is the letters and digits that link showed.')
      .optional(),
  }),
  z.object({ name: z.literal('unlink') }),
  z.object({ name: z.literal('dedupe'), value: onOff }),
]);
export type Command = z.infer<typeof CommandSchema>;
