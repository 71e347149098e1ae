import { Routes, type REST } from 'discord.js';

/** A Target's chatId for a person rather than a channel: `user:<user id>` (an operator). */
export const USER_CHAT_PREFIX = 'user:';

/**
 * A Discord user has no channel of their own until one is opened (POST /users/@me/channels,
 * which answers the same DM channel every time). Each person's is opened once per process;
 * a failed opening is forgotten, so the outbox's retry opens it again.
 */
export function createDmChannels(rest: Pick<REST, 'post'>): (chatId: string) => Promise<string> {
  const opened = new Map<string, Promise<string>>();
  return (chatId) => {
    if (!chatId.startsWith(USER_CHAT_PREFIX)) return Promise.resolve(chatId);
    const userId = chatId.slice(USER_CHAT_PREFIX.length);
    let channel = opened.get(userId);
    if (channel === undefined) {
      const body = { recipient_id: userId };
      channel = rest.post(Routes.userChannels(), { body }).then((c) => (c as { id: string }).id);
      channel.catch(() => opened.delete(userId));
      opened.set(userId, channel);
    }
    return channel;
  };
}
