import { randomInt } from 'node:crypto';
import type { Translate } from '../../domain/i18n.ts';
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
    return { ok: false, reply: usageError(run.t, name, run.t('links.unavailable')) };
  }
  if (run.context.target.kind !== 'private' || run.context.platform === 'console') {
    return { ok: false, reply: usageError(run.t, name, run.t('links.privateOnly')) };
  }
  return { ok: true, links };
}

const chatOf = (run: Run) => ({
  platform: run.context.target.platform,
  chatId: run.context.target.chatId,
});

/** The person's chats, as `settings` and the link replies show them (only to that person). */
export function describeLinks(t: Translate, person: Person | undefined): string {
  if (person === undefined) return t('links.none');
  const chats = person.chats.map((c) => c.platform).join(', ');
  const value = t(person.dedupe ? 'prefs.on' : 'prefs.off');
  return [t('links.chats', { chats }), t('links.dedupe', { value })].join('\n');
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
    return notice(run.t('links.code', { code: fresh, minutes }));
  }
  const result = await use.links.redeemCode(code, chat, now);
  if (!result.ok) {
    const why =
      result.reason === 'expired'
        ? run.t('links.expired')
        : result.reason === 'same chat'
          ? run.t('links.sameChat')
          : run.t('links.unknown');
    return usageError(run.t, 'link', why);
  }
  return notice(`${run.t('links.linked')}\n${describeLinks(run.t, result.person)}`);
}

/** `unlink`: this chat leaves the person's linked chats. */
export async function unlink(run: Run): Promise<Reply> {
  const use = usable(run, 'unlink');
  if (!use.ok) return use.reply;
  const was = await use.links.unlink(chatOf(run));
  return notice(run.t(was ? 'links.unlinked' : 'links.notLinked'));
}

/** `dedupe across on|off`: a story sent to one linked chat is kept from the others, or not. */
export async function dedupe(run: Run, value: 'on' | 'off' | 'show'): Promise<Reply> {
  const use = usable(run, 'dedupe');
  if (!use.ok) return use.reply;
  const person = await use.links.personOf(chatOf(run));
  if (person === undefined) {
    return usageError(run.t, 'dedupe', run.t('links.linkFirst'));
  }
  if (value !== 'show') await use.links.setDedupe(person.personId, value === 'on');
  return notice(describeLinks(run.t, await use.links.personOf(chatOf(run))));
}
