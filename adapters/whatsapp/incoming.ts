import type { proto } from '@whiskeysockets/baileys';
import {
  LruMap,
  type Log,
  type CommandContext,
  type CommandHandler,
  type Reply,
  type Target,
} from '../../src/index.ts';
import { consentRequest, handleConsent, type ConsentDeps } from './consent.ts';
import { isGroupJid, isIgnoredChat, phoneOf } from './jid.ts';
import type { UpsertEvent, UpsertMessage } from './types.ts';

export interface IncomingDeps {
  commands: CommandHandler;
  consent: Omit<ConsentDeps, 'commands'>;
  /** Sends a reply into the chat the message came from. */
  reply: (target: Target, reply: Reply) => Promise<unknown>;
  /** Answer in group chats (with a leading ! or / only); ignored otherwise. */
  groupsEnabled: boolean;
  log: Log;
}

/** A text message turned into what the core needs. */
export interface IncomingText {
  id: string;
  context: CommandContext;
  text: string;
}

/** Answers `messages.upsert`: only `notify` (live) messages, one at a time, each id once. */
export function createIncomingHandler(deps: IncomingDeps): (event: UpsertEvent) => Promise<void> {
  const seen = new LruMap<string, true>(2_000);
  let queue: Promise<void> = Promise.resolve();
  return (event) => {
    if (event.type !== 'notify') return queue;
    for (const message of event.messages) {
      const incoming = toIncoming(message, deps.groupsEnabled);
      if (incoming === undefined || seen.get(incoming.id) !== undefined) continue;
      seen.set(incoming.id, true);
      queue = queue.then(() => answerSafely(deps, incoming));
    }
    return queue;
  };
}

async function answerSafely(deps: IncomingDeps, incoming: IncomingText): Promise<void> {
  try {
    const reply = await answer(deps, incoming);
    if (reply !== undefined) await deps.reply(incoming.context.target, reply);
  } catch (err) {
    const { chatId } = incoming.context.target;
    deps.log.error({ err, chatId, messageId: incoming.id }, 'whatsapp message failed');
  }
}

function answer(deps: IncomingDeps, incoming: IncomingText): Promise<Reply | undefined> {
  const request = consentRequest(incoming.text);
  if (request === undefined) return deps.commands.handleText(incoming.context, incoming.text);
  const consent = { ...deps.consent, commands: deps.commands };
  return handleConsent(consent, incoming.context, incoming.text, request);
}

/**
 * The message as a command, or undefined for what Herald leaves alone: its own messages, status
 * updates, broadcast lists, channels, groups (unless enabled; then only `!`/`/` commands),
 * and anything without text.
 */
export function toIncoming(
  message: UpsertMessage,
  groupsEnabled: boolean,
): IncomingText | undefined {
  const { key } = message;
  const chatId = key.remoteJid;
  if (key.fromMe === true || chatId == null || key.id == null || isIgnoredChat(chatId))
    return undefined;
  const group = isGroupJid(chatId);
  if (group && !groupsEnabled) return undefined;
  const text = textOf(message.message)?.trim();
  if (text === undefined || text === '' || (group && !/^[!/]/.test(text))) return undefined;
  const sender = group ? [key.participantAlt, key.participant] : [key.remoteJidAlt, chatId];
  const userId = phoneOf(sender) ?? sender.find((j) => j != null) ?? chatId;
  const target: Target = { platform: 'whatsapp', chatId, kind: group ? 'group' : 'private' };
  const context: CommandContext = {
    platform: 'whatsapp',
    target,
    user: { id: userId, ...(message.pushName == null ? {} : { name: message.pushName }) },
    // In a private chat the person is its admin; in a group only operators may change the
    // subscription (the core checks operators first), so nobody else is an admin here.
    isAdmin: () => Promise.resolve(!group),
  };
  return { id: `${chatId}/${key.id}`, context, text };
}

/** The text of a message: plain, extended (with a link or a quote), or inside a wrapper. */
export function textOf(content: proto.IMessage | null | undefined): string | undefined {
  if (content == null) return undefined;
  const inner =
    content.ephemeralMessage?.message ??
    content.viewOnceMessage?.message ??
    content.viewOnceMessageV2?.message ??
    content.documentWithCaptionMessage?.message;
  if (inner != null) return textOf(inner);
  return content.conversation ?? content.extendedTextMessage?.text ?? undefined;
}
