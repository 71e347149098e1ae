import { parseTelegramHtml, type Entity } from './telegram-html.ts';
import {
  ApiError,
  chatNotFound,
  channelIdFor,
  type Chat,
  type Fault,
  type RateWindows,
  type StoredMessage,
  type User,
} from './telegram-stand-in-state.ts';

export type Body = Record<string, unknown>;

/** What the message methods need of the stand-in. */
export interface MessageHost {
  readonly bot: User;
  readonly chats: Map<string, Chat>;
  readonly admins: Map<number, number[]>;
  readonly messages: StoredMessage[];
  readonly chatFaults: Map<number, Fault>;
  /** Answers for sends to a forum topic, keyed "<chat id>:<message_thread_id>". */
  readonly topicFaults: Map<string, Fault>;
  readonly nextSendFaults: Fault[];
  readonly rates: RateWindows;
  record(message: StoredMessage): StoredMessage;
}

const TEXT_MAX = 4096;
const CAPTION_MAX = 1024;

export function createMessageMethods(host: MessageHost): Record<string, (body: Body) => unknown> {
  const counters = new Map<number, number>();
  const nextId = (chat: Chat) => {
    const n = (counters.get(chat.id) ?? 0) + 1;
    counters.set(chat.id, n);
    return n;
  };
  const store = (chat: Chat, body: Body, content: Partial<StoredMessage>) =>
    host.record({
      message_id: nextId(chat),
      chat,
      date: Math.floor(Date.now() / 1000),
      raw: '',
      entities: [],
      ...content,
      ...threadAndReply(body),
      ...markup(body),
    });
  return {
    getChat: (body) => resolveChat(host, body.chat_id),
    getChatAdministrators: (body) => administrators(host, resolveChat(host, body.chat_id)),
    sendMessage: (body) => {
      const chat = admitSend(host, body);
      const parsed = parseText(body.text, body.parse_mode, TEXT_MAX, 'message is too long');
      return store(chat, body, {
        text: parsed.text,
        entities: parsed.entities,
        ...rawOf(body.text, body.parse_mode),
      });
    },
    sendPhoto: (body) => {
      const photo = String(body.photo);
      if (photo.includes('broken.example')) throw bad('wrong file identifier/HTTP URL specified');
      const chat = admitSend(host, body);
      const parsed = parseText(
        body.caption ?? '',
        body.parse_mode,
        CAPTION_MAX,
        'message caption is too long',
        true,
      );
      return store(chat, body, {
        photo,
        caption: parsed.text,
        entities: parsed.entities,
        ...rawOf(body.caption, body.parse_mode),
      });
    },
    editMessageText: (body) => {
      const message = messageToEdit(host, body);
      if (message.text === undefined) throw bad('there is no text in the message to edit');
      const parsed = parseText(body.text, body.parse_mode, TEXT_MAX, 'message is too long');
      notModified(message, parsed.text, body);
      Object.assign(
        message,
        { text: parsed.text, entities: parsed.entities, edited: true },
        rawOf(body.text, body.parse_mode),
        markup(body),
      );
      (message.edits ??= []).push(parsed.text);
      return message;
    },
    editMessageCaption: (body) => {
      const message = messageToEdit(host, body);
      if (message.photo === undefined) throw bad('there is no caption in the message to edit');
      const parsed = parseText(
        body.caption ?? '',
        body.parse_mode,
        CAPTION_MAX,
        'message caption is too long',
        true,
      );
      notModified(message, parsed.text, body);
      Object.assign(
        message,
        { caption: parsed.text, entities: parsed.entities, edited: true },
        rawOf(body.caption, body.parse_mode),
        markup(body),
      );
      (message.edits ??= []).push(parsed.text);
      return message;
    },
  };
}

/** The message an edit names, after the faults a send would meet (chat's, then queued). */
function messageToEdit(host: MessageHost, body: Body): StoredMessage {
  const chat = resolveChat(host, body.chat_id);
  const fault = host.chatFaults.get(chat.id) ?? host.nextSendFaults.shift();
  if (fault !== undefined) throw new ApiError(fault);
  const message = host.messages.find(
    (m) => m.chat.id === chat.id && m.message_id === Number(body.message_id),
  );
  if (message === undefined) throw bad('message to edit not found');
  return message;
}

/** Telegram refuses an edit that changes nothing (text and buttons the same). */
function notModified(message: StoredMessage, text: string, body: Body): void {
  const current = message.photo === undefined ? message.text : message.caption;
  const sameMarkup =
    JSON.stringify(body.reply_markup ?? null) === JSON.stringify(message.reply_markup ?? null);
  if (current === text && sameMarkup)
    throw bad(
      'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
}

const bad = (what: string) => new ApiError({ code: 400, description: `Bad Request: ${what}` });

/** @name and -100... ids are channels; other ids must be chats the server knows. */
export function resolveChat(host: MessageHost, chatId: unknown): Chat {
  const key = String(chatId);
  const known = host.chats.get(key);
  if (known !== undefined) return known;
  if (/^@[A-Za-z][A-Za-z0-9_]{3,}$/.test(key)) {
    const chat: Chat = {
      id: channelIdFor(key.slice(1)),
      type: 'channel',
      title: key.slice(1),
      username: key.slice(1),
    };
    host.chats.set(key, chat);
    host.chats.set(String(chat.id), chat);
    return chat;
  }
  if (/^-100\d+$/.test(key)) {
    const chat: Chat = { id: Number(key), type: 'channel', title: `channel ${key}` };
    host.chats.set(key, chat);
    return chat;
  }
  throw chatNotFound();
}

function administrators(host: MessageHost, chat: Chat) {
  if (chat.type === 'private') throw bad('there are no administrators in the private chat');
  const ids = chat.type === 'channel' ? [host.bot.id] : (host.admins.get(chat.id) ?? []);
  return ids.map((id, i) => ({
    status: i === 0 ? 'creator' : 'administrator',
    user: id === host.bot.id ? host.bot : { id, is_bot: false, first_name: `admin ${id}` },
  }));
}

/** Chat, ordered faults, then the rate windows: what a send meets before it is read. */
function admitSend(host: MessageHost, body: Body): Chat {
  const chat = resolveChat(host, body.chat_id);
  const topic = `${chat.id}:${String(body.message_thread_id)}`;
  const fault =
    host.chatFaults.get(chat.id) ?? host.topicFaults.get(topic) ?? host.nextSendFaults.shift();
  if (fault !== undefined) throw new ApiError(fault);
  host.rates.admit(chat);
  checkKeyboard(body.reply_markup);
  return chat;
}

function checkKeyboard(markupValue: unknown): void {
  const rows =
    (markupValue as { inline_keyboard?: { callback_data?: string }[][] } | undefined)
      ?.inline_keyboard ?? [];
  for (const button of rows.flat()) {
    const size = Buffer.byteLength(button.callback_data ?? '', 'utf8');
    if (button.callback_data !== undefined && (size < 1 || size > 64))
      throw bad('BUTTON_DATA_INVALID');
  }
}

function parseText(
  value: unknown,
  parseMode: unknown,
  max: number,
  tooLong: string,
  mayBeEmpty = false,
): { text: string; entities: Entity[] } {
  const raw = typeof value === 'string' ? value : '';
  const parsed =
    parseMode === 'HTML' ? parseTelegramHtml(raw) : { ok: true as const, text: raw, entities: [] };
  if (!parsed.ok) throw bad(`can't parse entities: ${parsed.error}`);
  if (parseMode !== undefined && parseMode !== 'HTML')
    throw bad(`unsupported parse_mode ${JSON.stringify(parseMode)}`);
  if (parsed.text.trim() === '' && !mayBeEmpty) throw bad('message text is empty');
  if (parsed.text.length > max) throw bad(tooLong);
  return parsed;
}

function rawOf(value: unknown, parseMode: unknown) {
  const raw = typeof value === 'string' ? value : '';
  return typeof parseMode === 'string' ? { raw, parseMode } : { raw };
}

function threadAndReply(body: Body) {
  const thread = typeof body.message_thread_id === 'number' ? body.message_thread_id : undefined;
  const replyTo = (body.reply_parameters as { message_id?: number } | undefined)?.message_id;
  return {
    ...(thread === undefined ? {} : { message_thread_id: thread, is_topic_message: true }),
    ...(replyTo === undefined ? {} : { reply_to: replyTo }),
  };
}

function markup(body: Body) {
  const value = body.reply_markup as StoredMessage['reply_markup'] | undefined;
  return value === undefined ? {} : { reply_markup: value };
}
