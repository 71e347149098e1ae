import {
  ALIASES,
  COMMAND_NAMES,
  CommandSchema,
  DEFAULT_LATEST,
  type Command,
  type CommandName,
} from './command.ts';
import { suggestName } from './suggest.ts';

/** Why a text is not a command. Each case gets its own helpful reply. */
export type ParseFailure =
  | { kind: 'empty' }
  | { kind: 'unknown'; word: string; suggestion?: CommandName }
  | { kind: 'invalid'; name: CommandName; message: string }
  /** `/latest@OtherBot`: addressed to another bot in the same group. */
  | { kind: 'elsewhere' };

export type ParseResult = { ok: true; command: Command } | { ok: false; failure: ParseFailure };

export interface ParseOptions {
  /** This bot's user name; `/cmd@Other` for another bot is then left alone. */
  botName?: string;
}

/** Resolves a command word or alias, case-insensitively. */
export function commandName(word: string): CommandName | undefined {
  const lower = word.toLowerCase();
  return (COMMAND_NAMES as readonly string[]).includes(lower)
    ? (lower as CommandName)
    : ALIASES[lower];
}

/**
 * Parses a message ("/latest@HeraldBot 3", "!summary 2", "search taliban") into a Command.
 * Expects text already cleaned (cleanInput) and within the input limit.
 */
export function parseCommand(text: string, options: ParseOptions = {}): ParseResult {
  const match = /^[/!]?([^\s@]*)(?:@(\S*))?\s*(.*)$/su.exec(text);
  const word = match?.[1] ?? '';
  const mention = match?.[2];
  if (word === '') return fail({ kind: 'empty' });
  if (isElsewhere(mention, options.botName)) return fail({ kind: 'elsewhere' });
  const name = commandName(word);
  if (name === undefined) return unknown(word);
  return validate(name, rawArgs(name, match?.[3] ?? ''));
}

function isElsewhere(mention: string | undefined, botName: string | undefined): boolean {
  if (mention === undefined || mention === '' || botName === undefined) return false;
  return mention.toLowerCase() !== botName.replace(/^@/, '').toLowerCase();
}

function unknown(word: string): ParseResult {
  const suggestion = suggestName(word);
  return fail({ kind: 'unknown', word, ...(suggestion === undefined ? {} : { suggestion }) });
}

function fail(failure: ParseFailure): ParseResult {
  return { ok: false, failure };
}

function validate(name: CommandName, raw: Record<string, unknown>): ParseResult {
  const parsed = CommandSchema.safeParse({ name, ...raw });
  if (parsed.success) return { ok: true, command: parsed.data };
  const message = parsed.error.issues[0]?.message ?? 'That is not quite right.';
  return fail({ kind: 'invalid', name, message });
}

function rawArgs(name: CommandName, args: string): Record<string, unknown> {
  switch (name) {
    case 'help':
      return optional('about', commandName((args.split(' ')[0] ?? '').replace(/^[/!]/, '')));
    case 'latest':
      return latestArgs(args);
    case 'summary':
    case 'related':
    case 'coverage':
      return { story: args };
    case 'search':
      return { words: args };
    case 'subscribe':
      return subscribeArgs(args);
    case 'unsubscribe':
      return { topics: topicArgs(args) };
    case 'policy':
      return { policy: args.trim().toLowerCase() };
    case 'digest':
      return digestArgs(args);
    case 'topics':
    case 'settings':
      return {};
  }
}

function optional(key: string, value: unknown): Record<string, unknown> {
  return value === undefined ? {} : { [key]: value };
}

const NUMBER_LIKE = /^[-+]?(\d+([.,]\d*)?|[.,]\d+)(e[-+]?\d+)?$/i;

/** `latest [n] [topic]`, in either order: the one number-like word is n, the rest the topic. */
function latestArgs(args: string): Record<string, unknown> {
  const words = args.split(' ').filter((w) => w !== '');
  const numbers = words.filter((w) => NUMBER_LIKE.test(w));
  const topic = words.filter((w) => !NUMBER_LIKE.test(w)).join(' ');
  const first = numbers[0];
  const count = first === undefined ? DEFAULT_LATEST : Number(first.replace(',', '.'));
  return {
    count: numbers.length > 1 ? Number.NaN : count,
    ...optional('topic', topic === '' ? undefined : topic),
  };
}

/** Topics separated by commas when there is a comma (names with spaces), else by spaces. */
export function topicArgs(args: string): string[] {
  const parts = args.includes(',') ? args.split(',') : args.split(' ');
  const seen = new Set<string>();
  const topics: string[] = [];
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    if (seen.has(part.toLowerCase())) continue;
    seen.add(part.toLowerCase());
    topics.push(part);
  }
  return topics;
}

/** `subscribe [topics...] [--policy <policy>]` (also `policy=<policy>`). */
function subscribeArgs(args: string): Record<string, unknown> {
  const match = /(?:^|\s)(?:--policy[\s=]+|policy=)(\S*)/i.exec(args);
  if (match === null) return { topics: topicArgs(args) };
  const rest = `${args.slice(0, match.index)} ${args.slice(match.index + match[0].length)}`;
  return { topics: topicArgs(rest.trim()), policy: (match[1] ?? '').toLowerCase() };
}

const OFF_WORDS = new Set(['off', 'instant', 'none', 'stop', 'no']);

/** "off", or times such as "8:00 18.30 7h15", normalised to HH:MM ("" when none is given). */
function digestArgs(args: string): Record<string, unknown> {
  if (OFF_WORDS.has(args.toLowerCase())) return { off: true, times: [] };
  const words = args.split(/[\s,]+/).filter((w) => w !== '');
  const times = words.map((w) =>
    w.replace(/^(\d)([:.h]\d\d)$/i, '0$1$2').replace(/^(\d\d)[.h](\d\d)$/i, '$1:$2'),
  );
  return { off: false, times: times.length === 0 ? [''] : times };
}
