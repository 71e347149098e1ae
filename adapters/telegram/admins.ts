import type { Telegram } from 'telegraf';
import type { Log } from '../../src/index.ts';
import { describeFailure } from './errors.ts';

export interface AdminCacheOptions {
  api: Pick<Telegram, 'getChatAdministrators'>;
  token: string;
  log: Log;
  ttlMs: number;
  now?: () => number;
  /** Chats remembered at most (the oldest are forgotten first). */
  maxChats?: number;
}

export interface AdminCache {
  isAdmin(chatId: string, userId: string): Promise<boolean>;
}

/**
 * Whether a user administers a group, from getChatAdministrators, kept for `ttlMs` per chat.
 * When Telegram cannot answer, the answer is no (a subscription never changes by mistake).
 */
export function createAdminCache(options: AdminCacheOptions): AdminCache {
  const now = options.now ?? Date.now;
  const maxChats = options.maxChats ?? 10_000;
  const cache = new Map<string, { at: number; ids: ReadonlySet<string> }>();
  const fetchAdmins = async (chatId: string): Promise<ReadonlySet<string>> => {
    const members = await options.api.getChatAdministrators(chatId);
    return new Set(members.map((m) => String(m.user.id)));
  };
  const remember = (chatId: string, ids: ReadonlySet<string>) => {
    cache.delete(chatId);
    cache.set(chatId, { at: now(), ids });
    const oldest = cache.keys().next();
    if (cache.size > maxChats && oldest.done !== true) cache.delete(oldest.value);
  };
  return {
    async isAdmin(chatId, userId) {
      const hit = cache.get(chatId);
      if (hit !== undefined && now() - hit.at < options.ttlMs) return hit.ids.has(userId);
      try {
        const ids = await fetchAdmins(chatId);
        remember(chatId, ids);
        return ids.has(userId);
      } catch (err) {
        const failure = describeFailure(err, options.token);
        options.log.warn({ chatId, failure }, 'telegram: could not read the chat administrators');
        return false;
      }
    },
  };
}
