import type { Target } from '../domain/subscription.ts';
import { LruMap } from './lru.ts';

/** The story ids of each chat's last numbered list, so that "summary 2" means its 2nd card. */
export function createListingMemory(maxChats: number) {
  const lists = new LruMap<string, readonly string[]>(maxChats);
  return {
    remember(target: Target, storyIds: readonly string[]): void {
      if (storyIds.length > 0) lists.set(chatKey(target), [...storyIds]);
    },
    recall(target: Target): readonly string[] | undefined {
      return lists.get(chatKey(target));
    },
  };
}

export type ListingMemory = ReturnType<typeof createListingMemory>;

function chatKey(target: Target): string {
  return JSON.stringify([target.platform, target.chatId, target.threadId ?? '']);
}
