import type { Telegram } from 'telegraf';
import type { SendOutcome } from '../../src/index.ts';
import { describeFailure, isParseFailure, toOutcome, type ApiFailure } from './errors.ts';
import { splitLines, toHtml, toPlain } from './html.ts';
import type { InlineKeyboard, RenderedMessage } from './render.ts';

/** The slice of telegraf's Telegram client that editing uses. */
export type EditApi = Pick<Telegram, 'editMessageText' | 'editMessageCaption'>;

/** Which part of a message an edit replaces: a text message's text, a photo's caption. */
type Part = 'text' | 'caption';

const NOT_MODIFIED = /message is not modified/i;
/** The message is of the other kind (a photo where text was edited, or the reverse). */
const OTHER_PART = /there is no (text|caption) in the message to edit/i;

/**
 * Edits one message the bot sent (an event's post) to the new rendering: its caption when it
 * went as a photo, else its text; when Telegram says the message is of the other kind (a
 * photo that fell back to text when it was sent), the other once. "Message is not modified"
 * is done: the message already says this. Never throws.
 */
export async function editMessage(
  api: EditApi,
  token: string,
  chatId: string,
  messageId: string,
  message: RenderedMessage,
): Promise<SendOutcome> {
  const id = Number(messageId);
  if (!Number.isSafeInteger(id))
    return { kind: 'invalid', reason: `not a message id: ${messageId}` };
  const first: Part = message.photo === undefined ? 'text' : 'caption';
  let failure = await editPart(api, token, { chatId, id }, message, first);
  if (failure !== undefined && OTHER_PART.test(failure.description)) {
    failure = await editPart(
      api,
      token,
      { chatId, id },
      message,
      first === 'text' ? 'caption' : 'text',
    );
  }
  if (failure === undefined || NOT_MODIFIED.test(failure.description))
    return { kind: 'sent', messageId };
  return toOutcome(failure);
}

/** One edit in HTML, once more as plain text if Telegram cannot parse it; the failure if any. */
async function editPart(
  api: EditApi,
  token: string,
  at: { chatId: string; id: number },
  message: RenderedMessage,
  part: Part,
): Promise<ApiFailure | undefined> {
  const lines = part === 'caption' ? (message.photo?.caption ?? message.lines) : message.lines;
  const chunks = splitLines(lines);
  if (chunks.length !== 1)
    return { code: 400, description: 'Bad Request: the edited message would not fit in one' };
  const [only = []] = chunks;
  const html = await call(api, token, at, part, toHtml(only), message.keyboard, true);
  if (html === undefined || !isParseFailure(html)) return html;
  return call(api, token, at, part, toPlain(only), message.keyboard, false);
}

async function call(
  api: EditApi,
  token: string,
  at: { chatId: string; id: number },
  part: Part,
  text: string,
  keyboard: InlineKeyboard | undefined,
  html: boolean,
): Promise<ApiFailure | undefined> {
  const extra = {
    ...(html ? { parse_mode: 'HTML' as const } : {}),
    ...(keyboard === undefined ? {} : { reply_markup: keyboard }),
  };
  try {
    if (part === 'caption') await api.editMessageCaption(at.chatId, at.id, undefined, text, extra);
    else await api.editMessageText(at.chatId, at.id, undefined, text, extra);
    return undefined;
  } catch (err) {
    return describeFailure(err, token);
  }
}
