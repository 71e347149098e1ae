import type { Telegram } from 'telegraf';
import type { Log, Target } from '../../src/index.ts';
import { describeFailure } from './errors.ts';

export function channelTarget(channelId: string): Target {
  return { platform: 'telegram', chatId: channelId, kind: 'channel' };
}

/**
 * The numeric id of the configured channel (what Telegram puts in its posts), so a command
 * posted there maps to the configured target. Warns when the channel cannot be read or the
 * bot is not one of its admins; never throws (undefined when unknown).
 */
export async function resolveChannelId(
  api: Pick<Telegram, 'getChat' | 'getChatAdministrators'>,
  channelId: string,
  bot: { id: number; token: string; log: Log },
): Promise<string | undefined> {
  try {
    const chat = await api.getChat(channelId);
    if (chat.type !== 'channel')
      bot.log.warn(
        { channelId, type: chat.type },
        'telegram: TELEGRAM_CHANNEL_ID is not a channel',
      );
    const admins = await api.getChatAdministrators(chat.id);
    if (!admins.some((a) => a.user.id === bot.id)) {
      bot.log.warn(
        { channelId },
        'telegram: the bot is not an admin of the channel: add it with "Post messages"',
      );
    }
    return String(chat.id);
  } catch (err) {
    const failure = describeFailure(err, bot.token);
    bot.log.warn(
      { channelId, failure },
      'telegram: cannot read the channel; is the bot its admin?',
    );
    return undefined;
  }
}
