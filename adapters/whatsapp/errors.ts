import type { SendOutcome } from '../../src/index.ts';

/** How long to hold all WhatsApp sends after "rate-overlimit" (WhatsApp gives no retry time). */
export const RATE_OVERLIMIT_PAUSE_MS = 5 * 60_000;

/** What a baileys error said: the status code (Boom's, or the server's error code) and text. */
export interface SendFailure {
  code?: number;
  message: string;
}

/** Reads a baileys error: Boom's output.statusCode, the server's code in `data`, the message. */
export function describeFailure(err: unknown): SendFailure {
  const message = err instanceof Error ? err.message : String(err);
  const code = serverCode(err) ?? statusCode(err);
  return code === undefined ? { message } : { code, message };
}

/** Boom's output.statusCode (baileys closes with DisconnectReason values here). */
export function statusCode(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('output' in err)) return undefined;
  const output = err.output;
  if (typeof output !== 'object' || output === null || !('statusCode' in output)) return undefined;
  return typeof output.statusCode === 'number' ? output.statusCode : undefined;
}

/** An IQ error node's code, which baileys puts in Boom's `data` (its statusCode stays 500). */
function serverCode(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('data' in err)) return undefined;
  return typeof err.data === 'number' && Number.isInteger(err.data) ? err.data : undefined;
}

const RATE = /rate-overlimit/i;
const GONE = /not-authorized|forbidden|item-not-found|not on whatsapp|no sessions|invalid jid/i;
const BAD = /bad-request|not-acceptable|no content in message|invalid media|not a media message/i;
const CLOSED = /connection closed|connection lost|timed out|socket|econnreset|etimedout/i;

/**
 * A send's failure as the core's outcome: rate-overlimit (429) waits; closed connections,
 * timeouts and 5xx come back later; a person not on WhatsApp or a refused chat is rejected
 * (the subscription is deactivated); a malformed message is invalid (never retried).
 */
export function toOutcome(failure: SendFailure): SendOutcome {
  const { code, message } = failure;
  const reason = code === undefined ? message : `${code}: ${message}`;
  if (code === 429 || RATE.test(message)) {
    return { kind: 'retry', afterMs: RATE_OVERLIMIT_PAUSE_MS, reason };
  }
  if (code === 408 || code === 428 || code === 440 || CLOSED.test(message)) {
    return { kind: 'transient', reason };
  }
  if (code === 403 || code === 404 || GONE.test(message)) return { kind: 'rejected', reason };
  if (code === 400 || code === 406 || code === 413 || BAD.test(message)) {
    return { kind: 'invalid', reason };
  }
  // 401 (not linked yet), 5xx, anything unknown: our side or the server's, never the person's.
  return { kind: 'transient', reason };
}

/** The linked account cannot be used; says what to do next. */
export class WhatsAppSessionError extends Error {
  override readonly name = 'WhatsAppSessionError';
  constructor(
    message: string,
    readonly code?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Another process holds the WhatsApp session lock. */
export class WhatsAppSessionLockedError extends Error {
  override readonly name = 'WhatsAppSessionLockedError';
  constructor(readonly lockName: string) {
    super(
      `another Herald process holds the WhatsApp session (${lockName}); run WhatsApp in one ` +
        'process only (set WHATSAPP_ENABLED=false in the others), or wait for its lock to expire',
    );
  }
}
