import {
  DiscordAPIError,
  DiscordjsError,
  DiscordjsErrorCodes,
  HTTPError,
  RateLimitError,
} from 'discord.js';
import type { SendOutcome } from '../../src/index.ts';

/**
 * Discord JSON error codes that mean "this channel is gone for us, or will refuse every post
 * we make": deactivate, rather than dead-letter each later story.
 */
export const REJECTING_CODES: ReadonlyMap<number, string> = new Map([
  [10003, 'Unknown Channel'],
  [10004, 'Unknown Guild'],
  [50001, 'Missing Access'],
  [50013, 'Missing Permissions'],
  [50007, 'Cannot send messages to this user'],
  [50008, 'Cannot send messages in a non-text channel'],
  [50009, 'Channel verification level is too high for you to gain access'],
  [50024, 'Cannot execute action on this channel type'],
  [50083, 'Operation is not allowed in an archived thread'],
  [160005, 'This thread is locked'],
  [40066, 'There are no tags available that can be set by non-moderators'],
  [40067, 'A tag is required to create a forum post in this channel'],
]);

/** 50035 Invalid Form Body, and the other codes that mean "this message can never go". */
const INVALID_CODES = new Set([50035, 50006, 40005]);

/** The token was refused: Herald cannot run on Discord until DISCORD_TOKEN is fixed. */
export class DiscordTokenError extends Error {
  override readonly name = 'DiscordTokenError';
  constructor(options?: ErrorOptions) {
    super(
      'Discord refused DISCORD_TOKEN (401 Unauthorized). Copy the bot token again from the ' +
        'Developer Portal (Applications -> your app -> Bot -> Reset Token) into DISCORD_TOKEN.',
      options,
    );
  }
}

/** Login failed for another reason (network, Discord down); the cause is kept, token-free. */
export class DiscordLoginError extends Error {
  override readonly name = 'DiscordLoginError';
  constructor(reason: string, options?: ErrorOptions) {
    super(`Could not connect to Discord: ${reason}`, options);
  }
}

/** What a failed login means: a fatal token error, or a login error with a safe reason. */
export function loginError(err: unknown): Error {
  const status = err instanceof DiscordAPIError || err instanceof HTTPError ? err.status : 0;
  const invalid = err instanceof DiscordjsError && err.code === DiscordjsErrorCodes.TokenInvalid;
  if (invalid || status === 401) return new DiscordTokenError({ cause: safeError(err) });
  return new DiscordLoginError(describe(err), { cause: safeError(err) });
}

/** Turns any error from a send into the outcome the core switches over. */
export function toOutcome(err: unknown): SendOutcome {
  if (err instanceof RateLimitError) {
    const afterMs = Math.max(err.retryAfter, err.timeToReset, 1);
    return { kind: 'retry', afterMs, reason: `429 rate limited${err.global ? ' (global)' : ''}` };
  }
  if (err instanceof DiscordAPIError) return apiOutcome(err);
  if (err instanceof HTTPError) return statusOutcome(err.status, `${err.status} ${err.message}`);
  return { kind: 'transient', reason: describe(err) };
}

/** Discord's code for a message that is gone (deleted): its edit can never be made. */
const UNKNOWN_MESSAGE = 10008;

/**
 * An edit's failure: as a send's, except that a message gone (10008, or a 404 that names no
 * channel) makes the edit impossible, never the channel unsubscribed.
 */
export function editOutcome(err: unknown): SendOutcome {
  const outcome = toOutcome(err);
  if (!(err instanceof DiscordAPIError) || outcome.kind !== 'rejected') return outcome;
  const gone =
    err.code === UNKNOWN_MESSAGE || (err.status === 404 && !REJECTING_CODES.has(Number(err.code)));
  return gone ? { kind: 'invalid', reason: outcome.reason } : outcome;
}

function apiOutcome(err: DiscordAPIError): SendOutcome {
  const reason = `${err.status} ${String(err.code)}: ${err.message}`;
  const code = typeof err.code === 'number' ? err.code : Number.NaN;
  if (REJECTING_CODES.has(code)) return { kind: 'rejected', reason };
  if (INVALID_CODES.has(code)) return { kind: 'invalid', reason };
  return statusOutcome(err.status, reason);
}

function statusOutcome(status: number, reason: string): SendOutcome {
  if (status === 429) return { kind: 'retry', afterMs: 1000, reason };
  if (status >= 500 || status === 408) return { kind: 'transient', reason };
  if (status === 403 || status === 404) return { kind: 'rejected', reason };
  // 401 means our token broke, not this channel: retried, never a reason to unsubscribe.
  if (status === 401) return { kind: 'transient', reason };
  return { kind: 'invalid', reason };
}

/** A one-line reason with no URL (interaction URLs hold tokens) and no request body. */
export function describe(err: unknown): string {
  if (err instanceof DiscordAPIError) return `${err.status} ${String(err.code)}: ${err.message}`;
  if (err instanceof HTTPError) return `${err.status} ${err.message}`;
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
    return `${err.name}: ${err.message}${cause}`;
  }
  return String(err);
}

/** The fields of an error worth logging; never its URL, headers or request body. */
export function safeError(err: unknown): { name: string; message: string } {
  return { name: err instanceof Error ? err.name : 'Error', message: describe(err) };
}
