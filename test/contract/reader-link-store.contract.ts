import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatRef, ReaderLinkStore } from '../../src/store/reader-link-store.ts';

export interface ReaderLinkFixture {
  open(): Promise<{ links: ReaderLinkStore; close: () => Promise<void> }>;
}

const T = new Date('2026-06-01T07:00:00Z');
const later = (minutes: number) => new Date(T.getTime() + minutes * 60_000);
const tg: ChatRef = { platform: 'telegram', chatId: '501' };
const dc: ChatRef = { platform: 'discord', chatId: 'dm-9' };
const wa: ChatRef = { platform: 'whatsapp', chatId: '4477@s.whatsapp.net' };

export function readerLinkStoreContract(name: string, fixture: ReaderLinkFixture): void {
  describe(`ReaderLinkStore contract: ${name}`, () => {
    let links: ReaderLinkStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ links, close } = await fixture.open());
    });
    afterEach(async () => {
      await close();
    });

    it('joins two chats with a code, once', async () => {
      await links.createCode(tg, 'ABCD2345', later(10));
      const joined = await links.redeemCode('ABCD2345', dc, later(1));
      expect(joined.ok).toBe(true);
      const person = await links.personOf(tg);
      expect(person?.dedupe).toBe(true);
      expect(person?.chats.map((c) => c.platform).sort()).toEqual(['discord', 'telegram']);
      expect((await links.personOf(dc))?.personId).toBe(person?.personId);
      expect(await links.redeemCode('ABCD2345', wa, later(2))).toEqual({
        ok: false,
        reason: 'unknown',
      });
    });

    it('refuses an expired code, and a code used in the chat that made it', async () => {
      await links.createCode(tg, 'OLD', later(10));
      expect(await links.redeemCode('OLD', dc, later(10))).toEqual({
        ok: false,
        reason: 'expired',
      });
      await links.createCode(tg, 'SELF', later(10));
      expect(await links.redeemCode('SELF', tg, later(1))).toEqual({
        ok: false,
        reason: 'same chat',
      });
      expect(await links.personOf(tg)).toBeUndefined();
    });

    it('keeps one code per chat', async () => {
      await links.createCode(tg, 'FIRST', later(10));
      await links.createCode(tg, 'SECOND', later(10));
      expect(await links.redeemCode('FIRST', dc, later(1))).toMatchObject({ ok: false });
      expect(await links.redeemCode('SECOND', dc, later(1))).toMatchObject({ ok: true });
    });

    it('adds a third chat and merges two people', async () => {
      await links.createCode(tg, 'C1', later(10));
      await links.redeemCode('C1', dc, later(1));
      await links.createCode(wa, 'C2', later(10));
      await links.redeemCode('C2', dc, later(2));
      const person = await links.personOf(wa);
      expect(person?.chats).toHaveLength(3);
      expect(new Set((await links.listLinks()).map((l) => l.personId)).size).toBe(1);
    });

    it('unlinks a chat; a person left with one chat is no more', async () => {
      await links.createCode(tg, 'C1', later(10));
      await links.redeemCode('C1', dc, later(1));
      const person = await links.personOf(tg);
      await links.setDedupe(person?.personId ?? '', false);
      expect((await links.personOf(dc))?.dedupe).toBe(false);
      expect(await links.unlink(dc)).toBe(true);
      expect(await links.unlink(dc)).toBe(false);
      expect(await links.personOf(tg)).toBeUndefined();
      expect(await links.listLinks()).toEqual([]);
    });
  });
}
