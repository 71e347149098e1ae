/** The state of the stand-in Bot API server: chats, messages, updates, rate windows, faults. */

export interface Chat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  username?: string;
  first_name?: string;
  is_forum?: boolean;
}

export interface User {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
}

export interface StoredMessage {
  message_id: number;
  chat: Chat;
  date: number;
  /** What the reader sees (HTML parsed away). */
  text?: string;
  caption?: string;
  /** The HTML as the bot sent it. */
  raw: string;
  parseMode?: string;
  entities: { type: string; offset: number; length: number; url?: string }[];
  photo?: string;
  reply_markup?: { inline_keyboard: { text: string; callback_data?: string; url?: string }[][] };
  message_thread_id?: number;
  is_topic_message?: boolean;
  reply_to?: number;
  edited?: boolean;
  /** The text (or caption) each accepted edit gave it, in order. */
  edits?: string[];
}

/** A canned answer: an API error (code + description) or an HTTP failure (5xx). */
export interface Fault {
  code: number;
  description: string;
  retryAfter?: number;
  /** ResponseParameters.migrate_to_chat_id: the group became this supergroup. */
  migrateToChatId?: number;
}

export interface RateLimits {
  /** Messages per chat in any second (Telegram: about 1). */
  perChatPerSec: number;
  /** Messages per group or channel in any minute (Telegram: 20). */
  perGroupPerMin: number;
}

export class ApiError extends Error {
  constructor(readonly fault: Fault) {
    super(fault.description);
  }
}

export function chatNotFound(): ApiError {
  return new ApiError({ code: 400, description: 'Bad Request: chat not found' });
}

/** Sliding windows of send times per chat: the 429 the real server answers past its limits. */
export class RateWindows {
  private readonly sends = new Map<number, number[]>();
  constructor(
    public limits: RateLimits,
    private readonly now: () => number,
  ) {}

  /** Records a send, or throws the 429 Telegram would answer. */
  admit(chat: Chat): void {
    const now = this.now();
    const times = (this.sends.get(chat.id) ?? []).filter((t) => t > now - 60_000);
    const wait = Math.max(
      waitFor(times, now, 1000, this.limits.perChatPerSec),
      chat.type === 'private' ? 0 : waitFor(times, now, 60_000, this.limits.perGroupPerMin),
    );
    if (wait > 0) {
      const retryAfter = Math.max(1, Math.ceil(wait / 1000));
      throw new ApiError({
        code: 429,
        description: `Too Many Requests: retry after ${retryAfter}`,
        retryAfter,
      });
    }
    times.push(now);
    this.sends.set(chat.id, times);
  }
}

/** How long until a send fits `limit` per `windowMs`; 0 when it fits now. */
function waitFor(times: readonly number[], now: number, windowMs: number, limit: number): number {
  const inWindow = times.filter((t) => t > now - windowMs);
  if (inWindow.length < limit) return 0;
  const oldest = inWindow[inWindow.length - limit] ?? now;
  return oldest + windowMs - now;
}

/** A stable negative id for a channel known by its @name. */
export function channelIdFor(name: string): number {
  let hash = 0;
  for (const ch of name.toLowerCase()) hash = (hash * 31 + ch.charCodeAt(0)) % 1_000_000_000;
  return -(1_000_000_000_000 + hash);
}
