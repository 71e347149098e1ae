import type { PlatformName, Subscription } from '../domain/subscription.ts';
import type { ChatLink, ReaderLinkStore } from '../store/reader-link-store.ts';

/** Linked private chats by "<platform>:<chat id>", in link order (oldest first). */
export type LinkIndex = ReadonlyMap<string, ChatLink & { rank: number }>;

const keyOf = (platform: string, chatId: string) => `${platform}:${chatId}`;

export async function readLinks(links: Pick<ReaderLinkStore, 'listLinks'> | undefined) {
  const index = new Map<string, ChatLink & { rank: number }>();
  if (links === undefined) return index;
  for (const [rank, link] of (await links.listLinks()).entries()) {
    index.set(keyOf(link.platform, link.chatId), { ...link, rank });
  }
  return index;
}

/**
 * One reader across platforms: of the subscriptions a story matches, a person who linked
 * several private chats (and keeps `dedupe across` on) is given the story in one of them
 * only, the chat linked first among those that take it. The choice depends only on the links
 * and the subscriptions, so fanning a story out again picks the same chat and the outbox's
 * one row per story and subscription keeps it from being sent twice. Group and channel
 * subscriptions are never affected.
 */
export function onePerPerson(matching: readonly Subscription[], links: LinkIndex): Subscription[] {
  if (links.size === 0) return [...matching];
  const chosen = new Map<string, { sub: Subscription; rank: number }>();
  const kept: Subscription[] = [];
  for (const sub of matching) {
    const link =
      sub.target.kind === 'private' && sub.target.threadId === undefined
        ? links.get(keyOf(sub.target.platform, sub.target.chatId))
        : undefined;
    if (link?.dedupe !== true) {
      kept.push(sub);
      continue;
    }
    const best = chosen.get(link.personId);
    if (best === undefined || link.rank < best.rank) {
      chosen.set(link.personId, { sub, rank: link.rank });
    }
  }
  return [...kept, ...[...chosen.values()].map((c) => c.sub)];
}

/** The other private subscriptions of the same person (for back-fill: never a story twice). */
export function samePersonTargets(
  sub: Subscription,
  links: LinkIndex,
): { platform: PlatformName; chatId: string }[] {
  const own = links.get(keyOf(sub.target.platform, sub.target.chatId));
  if (own?.dedupe !== true || sub.target.kind !== 'private') return [];
  return [...links.values()]
    .filter((l) => l.personId === own.personId && l !== own)
    .map((l) => ({ platform: l.platform, chatId: l.chatId }));
}
