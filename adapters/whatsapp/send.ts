import type { MiscMessageGenerationOptions } from '@whiskeysockets/baileys';
import type { EditTarget, SendOptions, SendOutcome, Reply, Target } from '../../src/index.ts';
import { describeFailure, toOutcome, type SendFailure } from './errors.ts';
import { isSendableJid } from './jid.ts';
import type { ImageFetch } from './media.ts';
import { renderReply, type RenderedMessage, type RenderOptions } from './render.ts';
import type { WhatsAppSocket } from './types.ts';

export interface DeliverOptions extends RenderOptions {
  /** Fetches a story's image on Herald's host; without it, stories go as text. */
  fetchImage?: ImageFetch;
}

type EditKey = { remoteJid: string; fromMe: boolean; id: string };

/** An image message with the bytes Herald fetched itself. */
interface Outgoing {
  image: Buffer;
  caption: string;
  mimetype: string;
}

/**
 * Renders and sends one reply; never throws. A story's image is fetched here, through the
 * feeds' guarded fetcher, and handed to baileys as bytes (never as a URL for it to fetch); a
 * refused image, or one WhatsApp cannot take (a media error), goes as text instead. A closed
 * connection or a rate limit does not.
 */
export async function deliver(
  socket: WhatsAppSocket | undefined,
  target: Target,
  reply: Reply,
  options: DeliverOptions,
  sendOptions?: SendOptions,
): Promise<SendOutcome> {
  const refused = refusal(socket, target);
  if (refused !== undefined || socket === undefined) return refused ?? notConnected;
  const quote = quoted(target.chatId, sendOptions);
  const rendered = renderReply(reply, options);
  if ('text' in rendered) return (await sendOnce(socket, target.chatId, rendered, quote)).outcome;
  const withImage = await sendImage(socket, target.chatId, rendered, options.fetchImage, quote);
  if (withImage !== undefined) return withImage;
  const text = asText(renderReply(reply, { ...options, images: false }));
  return (await sendOnce(socket, target.chatId, text, quote)).outcome;
}

/**
 * WhatsApp lets a sender edit a message for 15 minutes; a little less is left for the edit's
 * own way there.
 */
export const EDIT_WINDOW_MS = 15 * 60_000 - 30_000;

/**
 * Edits a message Herald sent (an event's post) within WhatsApp's window: its new text (a
 * photo's caption is replaced by text, the way baileys edits). Past the window the edit is
 * invalid: never retried, the post stays as it was.
 */
export async function editSent(
  socket: WhatsAppSocket | undefined,
  target: Target,
  reply: Reply,
  of: EditTarget,
  options: DeliverOptions & { now: () => number },
): Promise<SendOutcome> {
  const refused = refusal(socket, target);
  if (refused !== undefined || socket === undefined) return refused ?? notConnected;
  if (options.now() - of.sentAt.getTime() > EDIT_WINDOW_MS)
    return { kind: 'invalid', reason: "past WhatsApp's 15-minute edit window" };
  if (of.messageId === UNKNOWN_ID)
    return { kind: 'invalid', reason: 'WhatsApp gave the post no message id to edit' };
  const { text } = asText(renderReply(reply, { ...options, images: false }));
  const key = { remoteJid: target.chatId, fromMe: true, id: of.messageId };
  const { outcome } = await sendOnce(socket, target.chatId, { text, edit: key });
  return outcome.kind === 'sent' ? { kind: 'sent', messageId: of.messageId } : outcome;
}

/** Recorded when baileys answers a send without the message's key. */
const UNKNOWN_ID = 'unknown';

const notConnected: SendOutcome = { kind: 'transient', reason: 'whatsapp is not connected' };

function refusal(socket: WhatsAppSocket | undefined, target: Target): SendOutcome | undefined {
  if (target.platform !== 'whatsapp') return { kind: 'invalid', reason: 'not a WhatsApp target' };
  if (!isSendableJid(target.chatId)) {
    return { kind: 'rejected', reason: `invalid JID: ${target.chatId.slice(0, 100)}` };
  }
  return socket === undefined ? notConnected : undefined;
}

/** A follow-up quotes its event's post: the post's key, and its title as the quote shows it. */
function quoted(jid: string, options: SendOptions | undefined): MiscMessageGenerationOptions {
  const to = options?.replyTo;
  if (to === undefined) return {};
  return {
    quoted: {
      key: { remoteJid: jid, fromMe: true, id: to.messageId },
      message: { conversation: to.excerpt },
    },
  };
}

/** Sends the image Herald fetched; undefined when it was refused or was the failure itself. */
async function sendImage(
  socket: WhatsAppSocket,
  jid: string,
  rendered: Exclude<RenderedMessage, { text: string }>,
  fetchImage: ImageFetch | undefined,
  quote: MiscMessageGenerationOptions,
): Promise<SendOutcome | undefined> {
  const image = await fetchImage?.(rendered.image.url);
  if (image?.ok !== true) return undefined;
  const message = { image: image.bytes, caption: rendered.caption, mimetype: image.mimetype };
  const sent = await sendOnce(socket, jid, message, quote);
  return sent.failure !== undefined && isImageFailure(sent.failure) ? undefined : sent.outcome;
}

/** Rendered without images, a message is text; typed so no image URL can reach baileys. */
function asText(message: RenderedMessage): { text: string } {
  return 'text' in message ? message : { text: message.caption };
}

async function sendOnce(
  socket: WhatsAppSocket,
  jid: string,
  message: { text: string; edit?: EditKey } | Outgoing,
  quote: MiscMessageGenerationOptions = {},
): Promise<{ outcome: SendOutcome; failure?: SendFailure }> {
  try {
    const sent = await socket.sendMessage(jid, message, quote);
    return { outcome: { kind: 'sent', messageId: sent?.key.id ?? UNKNOWN_ID } };
  } catch (err) {
    const failure = describeFailure(err);
    return { outcome: toOutcome(failure), failure };
  }
}

const IMAGE_TROUBLE =
  /fetch|stream|media|image|upload|thumbnail|enotfound|econnrefused|certificate|content length/i;

/**
 * A failure of the image (its host, its download, its processing), not of the chat or the
 * connection: a 404 from the image host must not unsubscribe anyone.
 */
function isImageFailure(failure: SendFailure): boolean {
  if (failure.code === 408 || failure.code === 428 || failure.code === 429) return false;
  if (/rate-overlimit|connection closed|connection lost/i.test(failure.message)) return false;
  return IMAGE_TROUBLE.test(failure.message) || toOutcome(failure).kind === 'invalid';
}
