import { ChannelType, Routes, type REST } from 'discord.js';
import type { EditTarget, SendOptions, SendOutcome, Reply } from '../../src/index.ts';
import { editOutcome, toOutcome } from './errors.ts';
import { DISCORD_LIMITS as L, checkMessage, cut } from './limits.ts';
import { renderMessage, type DiscordMessage } from './render.ts';

/** The slice of @discordjs/rest the sender uses (tests may pass a plain object). */
export type RestSlice = Pick<REST, 'get' | 'post' | 'patch'>;

/** Channel types that take posts (threads) instead of messages. */
const POST_CHANNELS: ReadonlySet<number> = new Set([
  ChannelType.GuildForum,
  ChannelType.GuildMedia,
]);

export interface ChannelSender {
  /** A new message; with `replyTo`, a reply to it (in a forum, a message in its post). */
  send(channelId: string, reply: Reply, options?: SendOptions): Promise<SendOutcome>;
  /** Edits a message it sent in the channel (in a forum, the first message of its post). */
  edit(channelId: string, reply: Reply, of: EditTarget): Promise<SendOutcome>;
}

/**
 * Sends broadcasts by REST alone (no gateway cache needed, so it works the same beside a
 * ShardingManager): a message in a text channel, one new post per story in a forum channel.
 * discord.js queues per-route rate limits itself; what it surfaces becomes a SendOutcome.
 */
export function createChannelSender(rest: RestSlice): ChannelSender {
  const types = new Map<string, number>();
  const typeOf = async (channelId: string): Promise<number> => {
    const known = types.get(channelId);
    if (known !== undefined) return known;
    const channel = (await rest.get(Routes.channel(channelId))) as { type: number };
    types.set(channelId, channel.type);
    return channel.type;
  };
  return {
    async send(channelId, reply, options) {
      const message = renderMessage(reply);
      const problems = checkMessage(message);
      if (problems.length > 0) return { kind: 'invalid', reason: problems.join('; ') };
      const replyTo = options?.replyTo?.messageId;
      try {
        const post = POST_CHANNELS.has(await typeOf(channelId));
        if (replyTo !== undefined) {
          // A forum post's id is its thread's: the follow-up goes into the thread.
          const [where, body] = post
            ? [replyTo, message]
            : [channelId, { ...message, message_reference: reference(channelId, replyTo) }];
          return { kind: 'sent', messageId: await postMessage(rest, where, body) };
        }
        const id = post
          ? await openPost(rest, channelId, postName(reply), message)
          : await postMessage(rest, channelId, message);
        return { kind: 'sent', messageId: id };
      } catch (err) {
        return toOutcome(err);
      }
    },
    async edit(channelId, reply, of) {
      const message = renderMessage(reply);
      const problems = checkMessage(message);
      if (problems.length > 0) return { kind: 'invalid', reason: problems.join('; ') };
      try {
        const where = POST_CHANNELS.has(await typeOf(channelId)) ? of.messageId : channelId;
        await rest.patch(Routes.channelMessage(where, of.messageId), { body: message });
        return { kind: 'sent', messageId: of.messageId };
      } catch (err) {
        return editOutcome(err);
      }
    },
  };
}

/** A reply's reference; a deleted original does not fail the reply. */
function reference(channelId: string, messageId: string) {
  return { message_id: messageId, channel_id: channelId, fail_if_not_exists: false };
}

async function postMessage(rest: RestSlice, channelId: string, body: object) {
  const sent = (await rest.post(Routes.channelMessages(channelId), { body })) as { id: string };
  return sent.id;
}

/** A forum post: its thread id is also the id of its first message. */
async function openPost(rest: RestSlice, forumId: string, name: string, message: DiscordMessage) {
  const body = { name, message, auto_archive_duration: 1440 };
  const thread = (await rest.post(Routes.threads(forumId), { body })) as { id: string };
  return thread.id;
}

function postName(reply: Reply): string {
  switch (reply.kind) {
    case 'card':
      return cut(reply.card.title, L.threadNameChars) || 'News';
    case 'cards': {
      // A batch of posts is named after its first story (ADR 0029); a list after its heading.
      const lead = reply.lead === true ? reply.cards[0]?.title : undefined;
      return cut(lead ?? reply.heading, L.threadNameChars) || 'News';
    }
    case 'notice':
    case 'error':
      return cut(reply.text.split('\n')[0] ?? '', L.threadNameChars) || 'News';
  }
}
