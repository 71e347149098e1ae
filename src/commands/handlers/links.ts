import { randomInt } from 'node:crypto';
import type { Reply } from '../../domain/reply.ts';
import type { Person, ReaderLinkStore } from '../../store/reader-link-store.ts';
import type { Run } from '../deps.ts';
import { notice, usageError } from '../replies.ts';

/** A code lives this long unless LINK_CODE_MINUTES says otherwise. */
export const DEFAULT_LINK_CODE_TTL_MS = 10 * 60_000;

/** Letters and digits that cannot be mistaken for one another (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += ALPHABET.charAt(randomInt(ALPHABET.length));
  return code;
}

type Usable = { ok: true; links: ReaderLinkStore } | { ok: false; reply: Reply };

/** Links join private chats only, and only where the store keeps them. */
function usable(run: Run, name: 'link' | 'unlink' | 'dedupe'): Usable {
  const { links } = run.deps;
  if (links === undefined) {
    return { ok: false, reply: usageError(name, 'Linking chats is not available here.') };
  }
  if (run.context.target.kind !== 'private' || run.context.platform === 'console') {
    const text = 'Linking joins your private chats with me: send it there.';
    return { ok: false, reply: usageError(name, text) };
  }
  return { ok: true, links };
}

const chatOf = (run: Run) => ({
  platform: run.context.target.platform,
  chatId: run.context.target.chatId,
});

/** The person's chats, as `settings` and the link replies show them (only to that person). */
export function describeLinks(person: Person | undefined): string {
  if (person === undefined)
    return 'Linked chats: none (send link to join your chats on other platforms)';
  const chats = person.chats.map((c) => c.platform).join(', ');
  return [
    `Linked chats: ${chats}`,
    `Each story once across them: ${person.dedupe ? 'on' : 'off'} (dedupe across on|off)`,
  ].join('\n');
}

/** `link`: a one-time code; `link <code>`: joins this chat to the chat that made it. */
export async function link(run: Run, code: string | undefined): Promise<Reply> {
  const use = usable(run, 'link');
  if (!use.ok) return use.reply;
  const chat = chatOf(run);
  const now = run.deps.clock.now();
  if (code === undefined) {
    const ttl = run.deps.linkCodeTtlMs ?? DEFAULT_LINK_CODE_TTL_MS;
    const fresh = newCode();
    await use.links.createCode(chat, fresh, new Date(now.getTime() + ttl));
    const minutes = Math.max(1, Math.round(ttl / 60_000));
    return notice(
      `Your link code: ${fresh}\nWithin ${minutes} minutes, send link ${fresh} to me from your private chat on another platform. It works once; keep it to yourself.`,
    );
  }
  const result = await use.links.redeemCode(code, chat, now);
  if (!result.ok) {
    const why =
      result.reason === 'expired'
        ? 'That link code has expired: send link again where you made it.'
        : result.reason === 'same chat'
          ? 'Send that code from your chat on another platform, not this one.'
          : 'I know no such link code: check it, or send link again for a new one.';
    return usageError('link', why);
  }
  return notice(`Linked.\n${describeLinks(result.person)}`);
}

/** `unlink`: this chat leaves the person's linked chats. */
export async function unlink(run: Run): Promise<Reply> {
  const use = usable(run, 'unlink');
  if (!use.ok) return use.reply;
  const was = await use.links.unlink(chatOf(run));
  return notice(
    was ? 'This chat is no longer linked to your other chats.' : 'This chat is not linked.',
  );
}

/** `dedupe across on|off`: a story sent to one linked chat is kept from the others, or not. */
export async function dedupe(run: Run, value: 'on' | 'off' | 'show'): Promise<Reply> {
  const use = usable(run, 'dedupe');
  if (!use.ok) return use.reply;
  const person = await use.links.personOf(chatOf(run));
  if (person === undefined) {
    return usageError('dedupe', 'This chat is not linked: send link first.');
  }
  if (value !== 'show') await use.links.setDedupe(person.personId, value === 'on');
  return notice(describeLinks(await use.links.personOf(chatOf(run))));
}
