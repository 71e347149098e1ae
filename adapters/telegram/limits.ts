/** The Bot API limits the adapter renders and sends within (core.telegram.org/bots/api). */
export const TELEGRAM_LIMITS = {
  /** sendMessage / editMessageText: 1-4096 characters after entities parsing. */
  textChars: 4096,
  /** sendPhoto caption: 0-1024 characters after entities parsing. */
  captionChars: 1024,
  /** callback_data of an inline keyboard button: 1-64 bytes. */
  callbackDataBytes: 64,
  /** The ?start= parameter of a t.me deep link: up to 64 of A-Z, a-z, 0-9, _ and -. */
  startPayloadChars: 64,
  /** answerCallbackQuery text: 0-200 characters. */
  callbackAnswerChars: 200,
  /** setMyCommands: a description is 1-256 characters. */
  commandDescriptionChars: 256,
} as const;

/** How long a group's administrator list is trusted before it is asked again. */
export const ADMIN_CACHE_MS = 60_000;

/** A broadcast send with no answer by then is a transient failure (well inside the lease). */
export const SEND_TIMEOUT_MS = 20_000;

/** A command reply that met a 429 is sent once more if the wait is at most this long. */
export const REPLY_RETRY_MAX_WAIT_MS = 30_000;

/** The updates the bot asks for: messages, channel posts and button presses. */
export const ALLOWED_UPDATES = ['message', 'channel_post', 'callback_query'] as const;
