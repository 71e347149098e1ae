import { randomUUID } from 'node:crypto';
import type { PlatformName } from '../../domain/subscription.ts';
import type { ChatLink, ChatRef, Person, ReaderLinkStore } from '../reader-link-store.ts';
import { changed, inTransaction, rowsOf, type PgPool, type PgQueryable } from './pool.ts';

/** Version 17: readers' linked private chats and one-time link codes (as SQLite's 17). */
export const READER_LINKS_SQL = `
CREATE TABLE reader_links (
  platform  text NOT NULL,
  chat_id   text NOT NULL,
  person_id text NOT NULL,
  dedupe    boolean NOT NULL DEFAULT true,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (platform, chat_id)
);
CREATE INDEX reader_links_person ON reader_links (person_id);
CREATE TABLE link_codes (
  code       text PRIMARY KEY,
  platform   text NOT NULL,
  chat_id    text NOT NULL,
  expires_at timestamptz NOT NULL
);`;

interface Row {
  platform: string;
  chat_id: string;
  person_id: string;
  dedupe: boolean;
  linked_at: Date;
}

const ORDER = 'ORDER BY linked_at, platform, chat_id';

const toLink = (r: Row): ChatLink => ({
  platform: r.platform as PlatformName,
  chatId: r.chat_id,
  personId: r.person_id,
  dedupe: r.dedupe,
  linkedAt: r.linked_at,
});

async function linkOf(db: PgQueryable, chat: ChatRef): Promise<Row | undefined> {
  const [row] = await rowsOf<Row>(
    db,
    'SELECT * FROM reader_links WHERE platform = $1 AND chat_id = $2 FOR UPDATE',
    [chat.platform, chat.chatId],
  );
  return row;
}

async function personOf(db: PgQueryable, personId: string): Promise<Person | undefined> {
  const rows = await rowsOf<Row>(db, `SELECT * FROM reader_links WHERE person_id = $1 ${ORDER}`, [
    personId,
  ]);
  const [first] = rows;
  if (first === undefined) return undefined;
  return {
    personId,
    dedupe: first.dedupe,
    chats: rows.map((r) => ({
      platform: r.platform as PlatformName,
      chatId: r.chat_id,
      linkedAt: r.linked_at,
    })),
  };
}

/** The ReaderLinkStore on PostgreSQL. */
export function createPgReaderLinkStore(pool: PgPool): ReaderLinkStore {
  return {
    createCode: (chat, code, expiresAt) =>
      inTransaction(pool, async (c) => {
        await changed(c, 'DELETE FROM link_codes WHERE platform = $1 AND chat_id = $2', [
          chat.platform,
          chat.chatId,
        ]);
        await changed(c, 'INSERT INTO link_codes VALUES ($1, $2, $3, $4)', [
          code,
          chat.platform,
          chat.chatId,
          expiresAt,
        ]);
      }),
    redeemCode: (code, chat, now) =>
      inTransaction(pool, async (c) => {
        const [found] = await rowsOf<{ platform: string; chat_id: string; expires_at: Date }>(
          c,
          'DELETE FROM link_codes WHERE code = $1 RETURNING *',
          [code],
        );
        if (found === undefined) return { ok: false as const, reason: 'unknown' as const };
        if (found.expires_at <= now) return { ok: false as const, reason: 'expired' as const };
        const maker: ChatRef = { platform: found.platform as PlatformName, chatId: found.chat_id };
        if (maker.platform === chat.platform && maker.chatId === chat.chatId) {
          return { ok: false as const, reason: 'same chat' as const };
        }
        const a = await linkOf(c, maker);
        const b = await linkOf(c, chat);
        const personId = a?.person_id ?? b?.person_id ?? randomUUID();
        const dedupe = (a ?? b)?.dedupe ?? true;
        const add = 'INSERT INTO reader_links VALUES ($1, $2, $3, $4, $5)';
        if (a === undefined)
          await changed(c, add, [maker.platform, maker.chatId, personId, dedupe, now]);
        if (b === undefined)
          await changed(c, add, [chat.platform, chat.chatId, personId, dedupe, now]);
        else if (b.person_id !== personId) {
          await changed(
            c,
            'UPDATE reader_links SET person_id = $1, dedupe = $2 WHERE person_id = $3',
            [personId, dedupe, b.person_id],
          );
        }
        return { ok: true as const, person: (await personOf(c, personId)) as Person };
      }),
    personOf: async (chat) => {
      const [row] = await rowsOf<Row>(
        pool,
        'SELECT * FROM reader_links WHERE platform = $1 AND chat_id = $2',
        [chat.platform, chat.chatId],
      );
      return row === undefined ? undefined : personOf(pool, row.person_id);
    },
    unlink: (chat) =>
      inTransaction(pool, async (c) => {
        const link = await linkOf(c, chat);
        if (link === undefined) return false;
        await changed(c, 'DELETE FROM reader_links WHERE platform = $1 AND chat_id = $2', [
          chat.platform,
          chat.chatId,
        ]);
        await changed(
          c,
          `DELETE FROM reader_links WHERE person_id = $1
           AND (SELECT COUNT(*) FROM reader_links WHERE person_id = $1) = 1`,
          [link.person_id],
        );
        return true;
      }),
    setDedupe: async (personId, on) => {
      await changed(pool, 'UPDATE reader_links SET dedupe = $1 WHERE person_id = $2', [
        on,
        personId,
      ]);
    },
    listLinks: async () =>
      (await rowsOf<Row>(pool, `SELECT * FROM reader_links ${ORDER}`)).map(toLink),
  };
}
