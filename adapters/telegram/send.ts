import type { Telegram } from 'telegraf';
import type { SendOutcome } from '../../src/index.ts';
import { describeFailure, isParseFailure, toOutcome, type ApiFailure } from './errors.ts';
import { splitLines, toHtml, toPlain, type Line } from './html.ts';
import type { InlineKeyboard, RenderedMessage } from './render.ts';

/** The slice of telegraf's Telegram client that sending uses. */
export type SendApi = Pick<Telegram, 'sendMessage' | 'sendPhoto'>;

/** Where a message goes: a chat, maybe a forum topic, maybe as a reply to a message. */
export interface Destination {
  chatId: string;
  threadId?: number;
  replyTo?: number;
}

interface Sender {
  api: SendApi;
  token: string;
  dest: Destination;
}

type Attempt = { ok: true; messageId: number } | { ok: false; failure: ApiFailure };

/**
 * Sends one rendered message: a photo with its caption when there is one (text if the photo
 * fails), else the text split under 4,096 characters with the buttons under the last part.
 * Never throws: every failure becomes an outcome.
 */
export async function deliver(
  api: SendApi,
  token: string,
  dest: Destination,
  message: RenderedMessage,
  brokenPhotos: PhotoMemory = createPhotoMemory(),
): Promise<SendOutcome> {
  const sender: Sender = { api, token, dest };
  if (message.photo !== undefined && !brokenPhotos.has(message.photo.url)) {
    const photo = await attempt(sender, () =>
      api.sendPhoto(dest.chatId, message.photo?.url ?? '', {
        caption: toHtml(message.photo?.caption ?? []),
        parse_mode: 'HTML',
        ...extras(dest, message.keyboard, true),
      }),
    );
    if (photo.ok) return sent(photo.messageId);
    // A photo Telegram cannot fetch or show (400) goes out as text, now and on any retry; a
    // 400 about the chat (gone, moved) is the chat's outcome, whatever the message.
    const outcome = toOutcome(photo.failure);
    if (outcome.kind !== 'invalid') return outcome;
    brokenPhotos.add(message.photo.url);
  }
  return deliverText(sender, message);
}

async function deliverText(sender: Sender, message: RenderedMessage): Promise<SendOutcome> {
  const chunks = splitLines(message.lines);
  let first: number | undefined;
  for (const [index, chunk] of chunks.entries()) {
    const last = index === chunks.length - 1;
    const result = await sendChunk(
      sender,
      chunk,
      last ? message.keyboard : undefined,
      index === 0,
      message.noPreview === true,
    );
    if (!result.ok) return toOutcome(result.failure);
    first ??= result.messageId;
  }
  return first === undefined ? { kind: 'invalid', reason: 'empty message' } : sent(first);
}

/** One text message in HTML; if Telegram cannot parse it, once more as plain text. */
async function sendChunk(
  sender: Sender,
  lines: Line[],
  keyboard: InlineKeyboard | undefined,
  isFirst: boolean,
  noPreview: boolean,
): Promise<Attempt> {
  const { api, dest } = sender;
  const extra = {
    ...extras(dest, keyboard, isFirst),
    ...(noPreview ? { link_preview_options: { is_disabled: true } } : {}),
  };
  const html = await attempt(sender, () =>
    api.sendMessage(dest.chatId, toHtml(lines), { parse_mode: 'HTML', ...extra }),
  );
  if (html.ok || !isParseFailure(html.failure)) return html;
  const plain = await attempt(sender, () => api.sendMessage(dest.chatId, toPlain(lines), extra));
  return plain.ok ? plain : { ok: false, failure: asInvalid(plain.failure, html.failure) };
}

/** A plain resend that still fails with a 400 makes the message invalid, never a retry. */
function asInvalid(plain: ApiFailure, html: ApiFailure): ApiFailure {
  return plain.code === 400
    ? { code: 400, description: `${html.description}; plain text: ${plain.description}` }
    : plain;
}

function extras(dest: Destination, keyboard: InlineKeyboard | undefined, isFirst: boolean) {
  return {
    ...(dest.threadId === undefined ? {} : { message_thread_id: dest.threadId }),
    ...(keyboard === undefined ? {} : { reply_markup: keyboard }),
    ...(dest.replyTo === undefined || !isFirst
      ? {}
      : { reply_parameters: { message_id: dest.replyTo, allow_sending_without_reply: true } }),
  };
}

async function attempt(
  sender: Sender,
  call: () => Promise<{ message_id: number }>,
): Promise<Attempt> {
  try {
    const message = await call();
    return { ok: true, messageId: message.message_id };
  } catch (err) {
    return { ok: false, failure: describeFailure(err, sender.token) };
  }
}

const sent = (messageId: number): SendOutcome => ({ kind: 'sent', messageId: String(messageId) });

/** Photo URLs Telegram refused lately, so a retry of the same story goes straight to text. */
export interface PhotoMemory {
  has(url: string): boolean;
  add(url: string): void;
}

export function createPhotoMemory(max = 1000): PhotoMemory {
  const urls = new Set<string>();
  return {
    has: (url) => urls.has(url),
    add: (url) => {
      urls.add(url);
      const oldest = urls.values().next();
      if (urls.size > max && oldest.done !== true) urls.delete(oldest.value);
    },
  };
}
