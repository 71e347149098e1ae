import type { SendOutcome } from '../../src/domain/platform.ts';
import type { Reply } from '../../src/domain/reply.ts';
import type { Target } from '../../src/domain/subscription.ts';
import { describeFailure, toOutcome, type SendFailure } from './errors.ts';
import { isSendableJid } from './jid.ts';
import { renderReply, type RenderedMessage, type RenderOptions } from './render.ts';
import type { WhatsAppSocket } from './types.ts';

/**
 * Renders and sends one reply; never throws. A story whose image cannot be sent (the image
 * host failed, a media error) goes again as text; a closed connection or a rate limit does not.
 */
export async function deliver(
  socket: WhatsAppSocket | undefined,
  target: Target,
  reply: Reply,
  options: RenderOptions,
): Promise<SendOutcome> {
  if (target.platform !== 'whatsapp') return { kind: 'invalid', reason: 'not a WhatsApp target' };
  if (!isSendableJid(target.chatId)) {
    return { kind: 'rejected', reason: `invalid JID: ${target.chatId.slice(0, 100)}` };
  }
  if (socket === undefined) return { kind: 'transient', reason: 'whatsapp is not connected' };
  const message = renderReply(reply, options);
  const first = await sendOnce(socket, target.chatId, message);
  if (!('image' in message) || first.failure === undefined || !isImageFailure(first.failure)) {
    return first.outcome;
  }
  const text = renderReply(reply, { ...options, images: false });
  return (await sendOnce(socket, target.chatId, text)).outcome;
}

async function sendOnce(
  socket: WhatsAppSocket,
  jid: string,
  message: RenderedMessage,
): Promise<{ outcome: SendOutcome; failure?: SendFailure }> {
  try {
    const sent = await socket.sendMessage(jid, message);
    return { outcome: { kind: 'sent', messageId: sent?.key.id ?? 'unknown' } };
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
