import {
  ApplicationCommandOptionType as Option,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { DELIVERY_POLICIES, LANGUAGES } from '../../src/index.ts';

/** The reader command (everyone) and the admin command (Manage Channels). */
export const NEWS = 'news';
export const NEWS_ADMIN = 'news-admin';
/** Subcommands whose story option autocompletes over recent titles. */
export const STORY_OPTION = 'story';

const MAX_LATEST = 20;

function sub(
  name: string,
  description: string,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption {
  return { type: Option.Subcommand, name, description, options };
}

const storyOption = (description: string): APIApplicationCommandBasicOption => ({
  type: Option.String,
  name: STORY_OPTION,
  description,
  required: true,
  autocomplete: true,
  max_length: 200,
});

const topicsOption: APIApplicationCommandBasicOption = {
  type: Option.String,
  name: 'topics',
  description: 'Topics, separated by commas (leave empty for everything)',
  required: false,
  max_length: 1000,
};

const onOffOption: APIApplicationCommandBasicOption = {
  type: Option.String,
  name: 'value',
  description: 'on or off',
  required: true,
  choices: [
    { name: 'on', value: 'on' },
    { name: 'off', value: 'off' },
  ],
};

/**
 * What Herald registers, by one idempotent bulk overwrite at start. Discord's
 * default_member_permissions covers a whole command, not one subcommand, so the two commands
 * that change a channel's subscription live in /news-admin, hidden from members without
 * Manage Channels; the permission is still checked on every call (a server can re-open it).
 */
export const COMMAND_DEFINITIONS: RESTPutAPIApplicationCommandsJSONBody = [
  {
    type: ApplicationCommandType.ChatInput,
    name: NEWS,
    description: 'Read the news: latest stories, summaries, related stories, coverage, search',
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: [
      sub('latest', 'The newest stories', [
        {
          type: Option.Integer,
          name: 'count',
          description: `How many (1 to ${MAX_LATEST})`,
          min_value: 1,
          max_value: MAX_LATEST,
        },
        { type: Option.String, name: 'topic', description: 'Only this topic', max_length: 100 },
      ]),
      sub('summary', 'The summary of a story', [storyOption('Start typing a title')]),
      sub('related', 'Other events about the same thing', [storyOption('Start typing a title')]),
      sub('coverage', "Every outlet's report of a story's event, in time order", [
        storyOption('Start typing a title'),
      ]),
      sub('search', 'Stories matching some words', [
        {
          type: Option.String,
          name: 'query',
          description: 'Words to look for',
          required: true,
          max_length: 200,
        },
      ]),
      sub('topics', 'What a channel can follow'),
      sub('settings', "This channel's subscription, filters, time zone, quiet hours and posts"),
      sub('filters', "This channel's word filters"),
      sub('link', 'Join your private chats on other platforms (in a DM with Herald)', [
        {
          type: Option.String,
          name: 'code',
          description: 'The code link showed on the other platform (empty: a new code)',
          max_length: 20,
        },
      ]),
      sub('unlink', 'This DM no longer linked to your other chats'),
      sub('dedupe', 'Each story once across your linked chats', [onOffOption]),
    ],
  },
  {
    type: ApplicationCommandType.ChatInput,
    name: NEWS_ADMIN,
    description: "Change this channel's news subscription (Manage Channels)",
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    default_member_permissions: PermissionFlagsBits.ManageChannels.toString(),
    options: [
      sub('subscribe', 'Post new stories in this channel (or its forum)', [topicsOption]),
      sub('unsubscribe', 'Stop posting stories here (all, or only some topics)', [topicsOption]),
      sub('digest', 'One digest a day at set times, or every story as it comes', [
        {
          type: Option.String,
          name: 'times',
          description: 'HH:MM times (24 h), or off',
          required: true,
          max_length: 100,
        },
      ]),
      sub('policy', 'One post per event, also threaded updates, or every article', [
        {
          type: Option.String,
          name: 'policy',
          description: 'How this channel takes an event several outlets report',
          required: true,
          choices: DELIVERY_POLICIES.map((p) => ({ name: p, value: p })),
        },
      ]),
      sub('filter', 'Only stories with a word (+word), none with it (-word), or clear', [
        {
          type: Option.String,
          name: 'words',
          description: '+word -word +"two words" -source:<name>, or clear',
          required: true,
          max_length: 500,
        },
      ]),
      sub('timezone', 'The time zone of digests, quiet hours and times shown', [
        {
          type: Option.String,
          name: 'zone',
          description: 'An IANA name such as Europe/Berlin',
          required: true,
          max_length: 64,
        },
      ]),
      sub('quiet', 'No stories during these hours; then one digest', [
        {
          type: Option.String,
          name: 'hours',
          description: 'HH:MM-HH:MM (24 h), or off',
          required: true,
          max_length: 30,
        },
      ]),
      sub('previews', 'Link previews under posts', [onOffOption]),
      sub('images', 'Story images with posts', [onOffOption]),
      sub('batch', 'Several new stories for this channel as one message', [onOffOption]),
      sub('language', 'The language of replies and post labels here', [
        {
          type: Option.String,
          name: 'code',
          description: 'The language',
          required: true,
          choices: LANGUAGES.map((code) => ({ name: code, value: code })),
        },
      ]),
    ],
  },
];

/** The slice of discord.js's CommandInteractionOptionResolver this module reads. */
export interface OptionsSlice {
  getSubcommand(): string;
  getString(name: string): string | null;
  getInteger(name: string): number | null;
}

/** Which subcommands change the channel (they need Manage Channels). */
export const ADMIN_SUBCOMMANDS: ReadonlySet<string> = new Set([
  'subscribe',
  'unsubscribe',
  'digest',
  'policy',
  'filter',
  'timezone',
  'quiet',
  'previews',
  'images',
  'batch',
  'language',
]);

/**
 * The text command equivalent to a slash command, for the core's handler:
 * `/news latest count:3 topic:x` -> "latest 3 x". Undefined for a command Herald does not know.
 */
export function toText(command: string, options: OptionsSlice): string | undefined {
  if (command !== NEWS && command !== NEWS_ADMIN) return undefined;
  const name = options.getSubcommand();
  const words = argumentsOf(name, options);
  return words === undefined ? undefined : [name, ...words].filter((w) => w !== '').join(' ');
}

function argumentsOf(name: string, options: OptionsSlice): string[] | undefined {
  const text = (key: string) => (options.getString(key) ?? '').trim();
  switch (name) {
    case 'latest':
      return [String(options.getInteger('count') ?? ''), text('topic')];
    case 'summary':
    case 'related':
    case 'coverage':
      return [text(STORY_OPTION)];
    case 'search':
      return [text('query')];
    case 'subscribe':
    case 'unsubscribe':
      return [text('topics')];
    case 'digest':
      return [text('times')];
    case 'policy':
      return [text('policy')];
    case 'filter':
      return [text('words')];
    case 'timezone':
      return [text('zone')];
    case 'quiet':
      return [text('hours')];
    case 'previews':
    case 'images':
    case 'batch':
      return [text('value')];
    case 'dedupe':
      return ['across', text('value')];
    case 'link':
    case 'language':
      return [text('code')];
    case 'topics':
    case 'settings':
    case 'filters':
    case 'unlink':
      return [];
    default:
      return undefined;
  }
}
