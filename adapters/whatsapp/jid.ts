/**
 * WhatsApp JIDs, read by their server part. Plain string checks, so the adapter does not load
 * baileys (a second of start-up) until WhatsApp actually starts.
 */

/** status@broadcast: people's status updates. */
export const STATUS_BROADCAST = 'status@broadcast';

const PHONE_JID = /^(\d{5,20})(?::\d+)?@(s\.whatsapp\.net|c\.us)$/;
const SENDABLE = /^[\w.-]{1,80}(?::\d+)?@(s\.whatsapp\.net|lid|g\.us|newsletter)$/;

export function isGroupJid(jid: string): boolean {
  return jid.endsWith('@g.us');
}

export function isNewsletterJid(jid: string): boolean {
  return jid.endsWith('@newsletter');
}

/** Status updates, broadcast lists and channels: nobody there is talking to Herald. */
export function isIgnoredChat(jid: string): boolean {
  return jid === STATUS_BROADCAST || jid.endsWith('@broadcast') || isNewsletterJid(jid);
}

/** The phone number (digits) of the first phone-number JID among `jids`. */
export function phoneOf(jids: readonly (string | null | undefined)[]): string | undefined {
  for (const jid of jids) {
    const match = jid == null ? null : PHONE_JID.exec(jid);
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

/** A person, a LID, a group or a channel: a JID Herald may send to. */
export function isSendableJid(jid: string): boolean {
  return SENDABLE.test(jid);
}

/** 447700900123 (or +44 7700 900123) as 447700900123@s.whatsapp.net. */
export function phoneJid(number: string): string {
  return `${number.replace(/[^\d]/g, '')}@s.whatsapp.net`;
}
