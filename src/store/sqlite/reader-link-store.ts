import { randomUUID } from 'node:crypto';
import type { PlatformName } from '../../domain/subscription.ts';
import type { ChatLink, ChatRef, Person, ReaderLinkStore, Redeemed } from '../reader-link-store.ts';
import { writeTransaction, type SqliteDatabase } from './database.ts';
import { settle } from './settle.ts';

interface Row {
  platform: string;
  chat_id: string;
  person_id: string;
  dedupe: number;
  linked_at: number;
}

const toLink = (r: Row): ChatLink => ({
  platform: r.platform as PlatformName,
  chatId: r.chat_id,
  personId: r.person_id,
  dedupe: r.dedupe === 1,
  linkedAt: new Date(r.linked_at),
});

/** The ReaderLinkStore on SQLite. */
export function createSqliteReaderLinkStore(db: SqliteDatabase): ReaderLinkStore {
  const q = {
    dropCodesOf: db.prepare('DELETE FROM link_codes WHERE platform = ? AND chat_id = ?'),
    addCode: db.prepare('INSERT INTO link_codes VALUES (?, ?, ?, ?)'),
    takeCode: db.prepare('DELETE FROM link_codes WHERE code = ? RETURNING *'),
    linkOf: db.prepare('SELECT * FROM reader_links WHERE platform = ? AND chat_id = ?'),
    chatsOf: db.prepare('SELECT * FROM reader_links WHERE person_id = ? ORDER BY linked_at, rowid'),
    add: db.prepare('INSERT INTO reader_links VALUES (?, ?, ?, ?, ?)'),
    merge: db.prepare('UPDATE reader_links SET person_id = ?, dedupe = ? WHERE person_id = ?'),
    remove: db.prepare('DELETE FROM reader_links WHERE platform = ? AND chat_id = ?'),
    alone: db.prepare(
      `DELETE FROM reader_links WHERE person_id = ?
       AND (SELECT COUNT(*) FROM reader_links WHERE person_id = ?) = 1`,
    ),
    dedupe: db.prepare('UPDATE reader_links SET dedupe = ? WHERE person_id = ?'),
    all: db.prepare('SELECT * FROM reader_links ORDER BY linked_at, rowid'),
  };
  const linkOf = (c: ChatRef) => q.linkOf.get(c.platform, c.chatId) as Row | undefined;
  const person = (personId: string): Person | undefined => {
    const rows = (q.chatsOf.all(personId) as Row[]).map(toLink);
    const [first] = rows;
    if (first === undefined) return undefined;
    return {
      personId,
      dedupe: first.dedupe,
      chats: rows.map(({ platform, chatId, linkedAt }) => ({ platform, chatId, linkedAt })),
    };
  };
  const createCode = writeTransaction(db, (chat: ChatRef, code: string, expiresAt: number) => {
    q.dropCodesOf.run(chat.platform, chat.chatId);
    q.addCode.run(code, chat.platform, chat.chatId, expiresAt);
  });
  const redeem = writeTransaction(db, (code: string, chat: ChatRef, now: number): Redeemed => {
    const found = q.takeCode.get(code) as
      { platform: string; chat_id: string; expires_at: number } | undefined;
    if (found === undefined) return { ok: false, reason: 'unknown' };
    if (found.expires_at <= now) return { ok: false, reason: 'expired' };
    const maker: ChatRef = { platform: found.platform as PlatformName, chatId: found.chat_id };
    if (maker.platform === chat.platform && maker.chatId === chat.chatId) {
      return { ok: false, reason: 'same chat' };
    }
    const a = linkOf(maker);
    const b = linkOf(chat);
    const personId = a?.person_id ?? b?.person_id ?? randomUUID();
    const dedupe = (a ?? b)?.dedupe ?? 1;
    if (a === undefined) q.add.run(maker.platform, maker.chatId, personId, dedupe, now);
    if (b === undefined) q.add.run(chat.platform, chat.chatId, personId, dedupe, now);
    else if (b.person_id !== personId) q.merge.run(personId, dedupe, b.person_id);
    return { ok: true, person: person(personId) as Person };
  });
  const unlink = writeTransaction(db, (chat: ChatRef): boolean => {
    const link = linkOf(chat);
    if (link === undefined) return false;
    q.remove.run(chat.platform, chat.chatId);
    q.alone.run(link.person_id, link.person_id);
    return true;
  });
  return {
    createCode: (chat, code, expiresAt) =>
      settle(() => {
        createCode(chat, code, expiresAt.getTime());
      }),
    redeemCode: (code, chat, now) => settle(() => redeem(code, chat, now.getTime())),
    personOf: (chat) =>
      settle(() => {
        const link = linkOf(chat);
        return link === undefined ? undefined : person(link.person_id);
      }),
    unlink: (chat) => settle(() => unlink(chat)),
    setDedupe: (personId, on) =>
      settle(() => {
        q.dedupe.run(on ? 1 : 0, personId);
      }),
    listLinks: () => settle(() => (q.all.all() as Row[]).map(toLink)),
  };
}
