import { CONSOLE_TARGET } from '../domain/console-target.ts';
import type { PlatformName, Target } from '../domain/subscription.ts';

/**
 * The private chats where the operators (`<platform>:<user id>`) can be written to, for the
 * platforms running: a Telegram user's id is their private chat, a WhatsApp number has its
 * JID, a Discord user is `user:<id>` (the adapter opens their DM channel), and the console's
 * one person is always an operator.
 */
export function operatorTargets(
  operators: readonly string[],
  running: ReadonlySet<PlatformName>,
): Target[] {
  const targets: Target[] = [];
  const add = (target: Target) => {
    if (running.has(target.platform) && !targets.some((t) => sameChat(t, target))) {
      targets.push(target);
    }
  };
  add(CONSOLE_TARGET);
  for (const entry of operators) {
    const at = entry.indexOf(':');
    const platform = entry.slice(0, at);
    const id = entry.slice(at + 1);
    if (platform === 'telegram') add({ platform, chatId: id, kind: 'private' });
    if (platform === 'discord') add({ platform, chatId: `user:${id}`, kind: 'private' });
    if (platform === 'whatsapp') add({ platform, chatId: `${id}@s.whatsapp.net`, kind: 'private' });
  }
  return targets;
}

function sameChat(a: Target, b: Target): boolean {
  return a.platform === b.platform && a.chatId === b.chatId;
}
