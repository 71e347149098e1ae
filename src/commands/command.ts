import { z } from 'zod';
import { searchTerms } from '../store/search-terms.ts';
import { REPLY_LIMITS } from '../domain/reply.ts';
import { DELIVERY_POLICIES } from '../domain/subscription.ts';
import { COMMAND_LIMITS } from './limits.ts';

/** `latest` shows this many stories unless told otherwise, and at most MAX_LATEST. */
export const DEFAULT_LATEST = 5;
export const MAX_LATEST = REPLY_LIMITS.cards;

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
  subscribe:
    'subscribe [topics...] [--policy <policy>]: new stories in this chat (all of them, or these topics)',
  unsubscribe: 'unsubscribe [topics...]: stop them (all, or only these topics)',
  settings: "settings: this chat's subscription",
  digest: 'digest <HH:MM>|off: one digest a day at that time, or (off) every story as it comes',
  policy:
    'policy event|event+updates|every: one post per event (outlets added as they report it), also threaded updates when it develops, or every article',
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
]);
export type Command = z.infer<typeof CommandSchema>;
