import { TelegramError } from 'telegraf';
import type { SendOutcome } from '../../src/index.ts';

/** What the Bot API said, with the token scrubbed from every word of it. */
export interface ApiFailure {
  /** The Bot API error_code; undefined for a network failure. */
  code?: number;
  description: string;
  retryAfterSec?: number;
  /** A group upgraded to a supergroup: the chat's new id (ResponseParameters). */
  migrateToChatId?: number;
}

/**
 * Answers of a 400 that mean the chat (or its forum topic) is gone or closed to the bot, for
 * every later message too: unsubscribe it.
 */
const GONE =
  /chat not found|user not found|peer_id_invalid|bot was kicked|bot is not a member|not enough rights|have no rights|need administrator rights|chat_write_forbidden|group chat was upgraded|chat was deleted|user is deactivated|message thread not found|topic_closed|topic_deleted/i;

const PARSE = /can't parse entities|can't find end of the entity|unsupported start tag/i;

/** Removes the token (and any /bot<token>/ URL part) from a text that may echo a request. */
export function scrub(text: string, token: string): string {
  const plain = token === '' ? text : text.split(token).join('[redacted]');
  return plain.replace(/\/bot[^/\s]+\//g, '/bot[redacted]/');
}

/** Reads a telegraf error (or a network error) without keeping the original object. */
export function describeFailure(err: unknown, token: string): ApiFailure {
  if (err instanceof TelegramError) {
    const retry = err.parameters?.retry_after;
    const migrate = err.parameters?.migrate_to_chat_id;
    return {
      code: err.code,
      description: scrub(err.description, token),
      ...(retry === undefined ? {} : { retryAfterSec: retry }),
      ...(migrate === undefined ? {} : { migrateToChatId: migrate }),
    };
  }
  const name = err instanceof Error ? err.name : 'Error';
  const message = err instanceof Error ? err.message : String(err);
  return { description: scrub(`${name}: ${message}`, token) };
}

export function isParseFailure(failure: ApiFailure): boolean {
  return failure.code === 400 && PARSE.test(failure.description);
}

/** A failure as the core's outcome (the parse-entities retry is the sender's job). */
export function toOutcome(failure: ApiFailure): SendOutcome {
  const reason =
    failure.code === undefined ? failure.description : `${failure.code}: ${failure.description}`;
  const code = failure.code;
  if (code === undefined) return { kind: 'transient', reason };
  if (code === 429) return { kind: 'retry', afterMs: (failure.retryAfterSec ?? 1) * 1000, reason };
  if (code === 403) return { kind: 'rejected', reason };
  const migrated = failure.migrateToChatId;
  if (code === 400 && migrated !== undefined) {
    return { kind: 'moved', chatId: String(migrated), reason };
  }
  if (code === 400 && GONE.test(failure.description)) return { kind: 'rejected', reason };
  if (code === 400) return { kind: 'invalid', reason };
  // 401 (token revoked), 404 (wrong API root), 409, 5xx: the bot's or the server's problem,
  // never a reason to unsubscribe anyone.
  return { kind: 'transient', reason };
}

/** The Bot API refused the token: the bot cannot run until TELEGRAM_BOT_TOKEN is fixed. */
export class TelegramTokenError extends Error {
  override readonly name = 'TelegramTokenError';
  constructor(readonly failure: ApiFailure) {
    super(
      `Telegram refused the bot token (${failure.code ?? '?'} ${failure.description}): ` +
        'set TELEGRAM_BOT_TOKEN to the token @BotFather gave you (the whole "123456:ABC..." ' +
        'value), or create a new one with /token in @BotFather.',
    );
  }
}

/** Telegram could not be reached or answered badly while starting (not a token problem). */
export class TelegramStartError extends Error {
  override readonly name = 'TelegramStartError';
  constructor(
    readonly step: string,
    readonly failure: ApiFailure,
  ) {
    super(
      `Telegram failed at ${step}: ${failure.description} (check TELEGRAM_API_ROOT and the network)`,
    );
  }
}

/** The error `start()` throws for a failure: 401/404 on the token, else a start error. */
export function startError(step: string, err: unknown, token: string): Error {
  const failure = describeFailure(err, token);
  if (failure.code === 401 || (failure.code === 404 && step === 'getMe')) {
    return new TelegramTokenError(failure);
  }
  return new TelegramStartError(step, failure);
}
