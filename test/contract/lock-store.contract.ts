import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LockStore } from '../../src/store/lock-store.ts';

/** A fresh, empty lock store per test, and a way to dispose of it. */
export interface LockStoreHarness {
  open(): Promise<{ locks: LockStore; close(): Promise<void> }>;
}

const T0 = new Date('2026-06-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const TTL = 30_000;

/** The LockStore contract: every implementation runs this suite unchanged. */
export function lockStoreContract(name: string, harness: LockStoreHarness): void {
  describe(`LockStore contract: ${name}`, () => {
    let opened: Awaited<ReturnType<LockStoreHarness['open']>>;
    let locks: LockStore;
    beforeEach(async () => {
      opened = await harness.open();
      locks = opened.locks;
    });
    afterEach(() => opened.close());

    it('gives a free lock to one owner and refuses it to another until it expires', async () => {
      expect(await locks.acquire('whatsapp', 'a', TTL, T0)).toBe(true);
      expect(await locks.acquire('whatsapp', 'b', TTL, at(29))).toBe(false);
      expect(await locks.holder('whatsapp', at(29))).toMatchObject({
        owner: 'a',
        acquiredAt: T0,
        expiresAt: at(30),
      });
      expect(await locks.acquire('whatsapp', 'b', TTL, at(30))).toBe(true);
      expect(await locks.holder('whatsapp', at(31))).toMatchObject({
        owner: 'b',
        acquiredAt: at(30),
      });
    });

    it('lets the holder acquire again (a renewal keeping the first acquisition time)', async () => {
      await locks.acquire('s', 'a', TTL, T0);
      expect(await locks.acquire('s', 'a', TTL, at(10))).toBe(true);
      expect(await locks.holder('s', at(10))).toMatchObject({ acquiredAt: T0, expiresAt: at(40) });
    });

    it('renews only an unexpired hold of the same owner', async () => {
      await locks.acquire('s', 'a', TTL, T0);
      expect(await locks.renew('s', 'a', TTL, at(20))).toBe(true);
      expect((await locks.holder('s', at(20)))?.expiresAt).toEqual(at(50));
      expect(await locks.renew('s', 'b', TTL, at(21))).toBe(false);
      expect(await locks.renew('s', 'a', TTL, at(50))).toBe(false);
      expect(await locks.renew('missing', 'a', TTL, T0)).toBe(false);
    });

    it('releases only for the holder, freeing the lock at once', async () => {
      await locks.acquire('s', 'a', TTL, T0);
      expect(await locks.release('s', 'b')).toBe(false);
      expect(await locks.release('s', 'a')).toBe(true);
      expect(await locks.holder('s', at(1))).toBeUndefined();
      expect(await locks.acquire('s', 'b', TTL, at(1))).toBe(true);
    });

    it('keeps locks of different names apart', async () => {
      expect(await locks.acquire('one', 'a', TTL, T0)).toBe(true);
      expect(await locks.acquire('two', 'b', TTL, T0)).toBe(true);
      expect((await locks.holder('one', T0))?.owner).toBe('a');
      expect((await locks.holder('two', T0))?.owner).toBe('b');
    });

    it('gives a contested free lock to exactly one of many owners', async () => {
      const owners = Array.from({ length: 8 }, (_, i) => `owner-${i}`);
      const won = await Promise.all(owners.map((o) => locks.acquire('race', o, TTL, T0)));
      expect(won.filter(Boolean)).toHaveLength(1);
    });
  });
}
