import type { DisconnectReason } from '@whiskeysockets/baileys';

/** What the connection does when WhatsApp closes it. */
export type DisconnectRule =
  /** Open a new socket at once (no wait). */
  | { action: 'reconnect-now'; why: string }
  /** Wait (exponential backoff with jitter), then open a new socket; give up after `maxAttempts`. */
  | { action: 'reconnect-backoff'; why: string; maxAttempts?: number }
  /** Stop WhatsApp: reconnecting cannot help; `message` says what the operator should do. */
  | { action: 'stop'; message: string };

const RELINK =
  'run `herald whatsapp login --reset` to link the number again; queued messages wait (no ' +
  'attempt spent) and go once it is linked';

/**
 * One rule per DisconnectReason of baileys: the table must name every value, so a reason added
 * in a baileys upgrade fails the type check here instead of falling through at run time.
 */
export const DISCONNECT_RULES = {
  // 515: the server restarts the stream after pairing (and sometimes later): expected.
  515: { action: 'reconnect-now', why: 'restart required' },
  // 428 connection closed, 408 connection lost or timed out, 503 service unavailable.
  428: { action: 'reconnect-backoff', why: 'connection closed' },
  408: { action: 'reconnect-backoff', why: 'connection lost or timed out' },
  503: { action: 'reconnect-backoff', why: 'WhatsApp service unavailable' },
  // 500: a bad session; usually passes, but a damaged auth folder never heals by retrying.
  500: { action: 'reconnect-backoff', why: 'bad session', maxAttempts: 5 },
  401: {
    action: 'stop',
    message: `WhatsApp logged this device out (removed in Linked devices, or expired): ${RELINK}`,
  },
  440: {
    action: 'stop',
    message:
      'another client opened this WhatsApp session (connection replaced); Herald stopped ' +
      'WhatsApp rather than fight over it: stop the other process, then restart Herald',
  },
  411: {
    action: 'stop',
    message: `the linked device and the account disagree (multi-device mismatch): ${RELINK}`,
  },
  403: {
    action: 'stop',
    message:
      'WhatsApp refused this account (403 forbidden): it may be banned or restricted; open ' +
      'WhatsApp on the phone before linking again, and send fewer, consented messages',
  },
} as const satisfies Record<DisconnectReason, DisconnectRule>;

/** A close without a code, or with one baileys does not name: try again after a wait. */
export const UNKNOWN_RULE: DisconnectRule = {
  action: 'reconnect-backoff',
  why: 'closed without a known reason',
};

export function ruleFor(code: number | undefined): DisconnectRule {
  if (code === undefined) return UNKNOWN_RULE;
  const rules: Readonly<Partial<Record<number, DisconnectRule>>> = DISCONNECT_RULES;
  return rules[code] ?? UNKNOWN_RULE;
}
