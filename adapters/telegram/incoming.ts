import type { CommandContext, Target } from '../../src/index.ts';
import { actionOf } from './render.ts';

/** The parts of a Telegram chat the adapter reads. */
export interface ChatRef {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
}

/** A text message or channel post, reduced to what a command needs. */
export interface IncomingText {
  chat: ChatRef;
  messageId: number;
  text: string;
  /** Forum topic of the message (message_thread_id of a topic message). */
  threadId?: number;
  from?: { id: number; username?: string; first_name?: string };
  /** Set when a group's anonymous admin or a channel posts. */
  senderChatId?: number;
}

export function targetOf(chat: ChatRef, threadId: number | undefined): Target {
  const kind = chat.type === 'private' ? 'private' : chat.type === 'channel' ? 'channel' : 'group';
  return {
    platform: 'telegram',
    chatId: String(chat.id),
    kind,
    ...(threadId === undefined ? {} : { threadId: String(threadId) }),
  };
}

const COMMAND = /^\/([A-Za-z0-9_]{1,64})(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)([\s\S]*)$/;
const DEEP_LINK = /^\s*([src])_([A-Za-z0-9_-]{1,60})\s*$/;

/**
 * The text handed to the core, or undefined when the message is not for this bot: a
 * `/cmd@OtherBot`, or in a group or channel anything that is not a command. `/cmd@ThisBot` loses
 * its `@ThisBot`; `/start s_<id>` (a deep link from a channel's button) becomes `/summary <id>`
 * (`r_`: related, `c_`: coverage).
 */
export function commandText(
  text: string,
  botName: string,
  chatType: ChatRef['type'],
): string | undefined {
  const trimmed = text.trim();
  const match = COMMAND.exec(trimmed);
  if (match === null) return chatType === 'private' && trimmed !== '' ? trimmed : undefined;
  const [, name = '', addressee, rest = ''] = match;
  if (addressee !== undefined && addressee.toLowerCase() !== botName.toLowerCase())
    return undefined;
  const link = name.toLowerCase() === 'start' ? DEEP_LINK.exec(rest) : null;
  const action = link === null ? undefined : actionOf(link[1] ?? '');
  if (link !== null && action !== undefined) return `/${action} ${link[2] ?? ''}`;
  return `/${name}${rest}`;
}

/** The t.me link that opens a private chat with the bot on `/start <payload>`. */
export function deepLink(botName: string, payload: string): string {
  return `https://t.me/${botName}?start=${payload}`;
}

export interface ContextDeps {
  operatorIds: ReadonlySet<string>;
  /** The configured channel's numeric id -> its configured @name, one target for both. */
  channelAliases: ReadonlyMap<string, string>;
  isGroupAdmin(chatId: string, userId: string): Promise<boolean>;
}

/** The core's view of who wrote, where; isAdmin asks Telegram only when a command needs it. */
export function commandContext(deps: ContextDeps, message: IncomingText): CommandContext {
  const found = targetOf(message.chat, message.threadId);
  const target = { ...found, chatId: deps.channelAliases.get(found.chatId) ?? found.chatId };
  const userId = String(message.from?.id ?? message.senderChatId ?? message.chat.id);
  const name = message.from?.username ?? message.from?.first_name;
  return {
    platform: 'telegram',
    target,
    user: name === undefined ? { id: userId } : { id: userId, name },
    isAdmin: () => isAdmin(deps, message, target, userId),
  };
}

function isAdmin(deps: ContextDeps, message: IncomingText, target: Target, userId: string) {
  // Only admins post in a channel; an anonymous group admin posts as the group itself.
  if (target.kind === 'private' || target.kind === 'channel') return Promise.resolve(true);
  if (message.senderChatId === message.chat.id) return Promise.resolve(true);
  if (deps.operatorIds.has(userId)) return Promise.resolve(true);
  if (message.from === undefined) return Promise.resolve(false);
  return deps.isGroupAdmin(target.chatId, userId);
}
