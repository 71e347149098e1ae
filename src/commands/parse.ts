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
  if ((COMMAND_NAMES as readonly string[]).includes(lower)) return lower as CommandName;
  // Own keys only: "constructor" or "__proto__" are not aliases.
  return Object.hasOwn(ALIASES, lower) ? ALIASES[lower] : undefined;
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
  const message = parsed.error.issues[0]?.message ?? 'fail.notQuite';
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
    case 'filter':
      return filterArgs(args);
    case 'timezone':
      return optional('zone', args === '' ? undefined : args.replace(/ /g, '_'));
    case 'quiet':
      return quietArgs(args);
    case 'previews':
    case 'images':
    case 'batch':
      return { value: onOffArg(args) };
    case 'dedupe':
      return { value: onOffArg(args.replace(/^across\b\s*/i, '')) };
    case 'link':
      return optional('code', args === '' ? undefined : args.replace(/[\s-]/g, '').toUpperCase());
    case 'unlink':
      return {};
    case 'language':
      return optional('code', args === '' ? undefined : args.toLowerCase());
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

/** `subscribe [--last n] [--policy <policy>] [topics...]`: the options anywhere, the rest topics. */
function subscribeArgs(args: string): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  let rest = args;
  const take = (pattern: RegExp): string | undefined => {
    const match = pattern.exec(rest);
    if (match === null) return undefined;
    rest = `${rest.slice(0, match.index)} ${rest.slice(match.index + match[0].length)}`.trim();
    return match[1] ?? '';
  };
  const policy = take(/(?:^|\s)(?:--policy[\s=]+|policy=)(\S*)/i);
  if (policy !== undefined) options.policy = policy.toLowerCase();
  const last = take(/(?:^|\s)--?last(?:=|\s+)(\S*)/i);
  if (last !== undefined) options.last = /^\d+$/.test(last) ? Number(last) : Number.NaN;
  return { topics: topicArgs(rest), ...options };
}

/** `+word`, `-word`, `+"two words"`, `-source:BBC` (several at once), `clear`, or nothing. */
const FILTER_TOKEN = /\s*([+-])\s*(source:)?(?:"([^"]*)"|“([^”]*)”|'([^']*)'|([^\s"“”]+))/iy;

function filterArgs(args: string): Record<string, unknown> {
  if (args === '') return { action: 'show', changes: [] };
  if (OFF_WORDS.has(args.toLowerCase()) || args.toLowerCase() === 'clear') {
    return { action: 'clear', changes: [] };
  }
  const changes: { include: boolean; term: string }[] = [];
  FILTER_TOKEN.lastIndex = 0;
  while (FILTER_TOKEN.lastIndex < args.length) {
    const m = FILTER_TOKEN.exec(args);
    if (m === null) return { action: 'bad', changes: [] };
    const word = (m[3] ?? m[4] ?? m[5] ?? m[6] ?? '').replace(/\s+/g, ' ').trim();
    changes.push({ include: m[1] === '+', term: `${m[2]?.toLowerCase() ?? ''}${word}` });
  }
  return { action: 'edit', changes };
}

/** `22:00-07:00` (or `22:00 07:00`, `22h-7h30`), `off`, or nothing (show them). */
function quietArgs(args: string): Record<string, unknown> {
  if (args === '') return {};
  if (OFF_WORDS.has(args.toLowerCase())) return { hours: null };
  const parts = args.split(/\s*(?:-|–|to|\s)\s*/i).filter((w) => w !== '');
  const [from = '', to = ''] = parts.map(normaliseTime);
  return { hours: parts.length === 2 ? { from, to } : { from: 'bad', to: 'bad' } };
}

function onOffArg(args: string): string {
  const word = args.toLowerCase();
  if (word === '') return 'show';
  if (['on', 'yes', 'true', '1'].includes(word)) return 'on';
  if (['off', 'no', 'false', '0', 'none'].includes(word)) return 'off';
  return word;
}

/** "8:00", "18.30", "7h15", "22h", "7" as HH:MM (other text is left for the schema to refuse). */
function normaliseTime(word: string): string {
  const m = /^(\d{1,2})(?:[:.h](\d\d)?)?$/i.exec(word);
  if (m === null) return word;
  return `${(m[1] ?? '').padStart(2, '0')}:${m[2] ?? '00'}`;
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
