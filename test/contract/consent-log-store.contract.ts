import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsentEvent, ConsentLogStore } from '../../src/store/consent-log-store.ts';

/** A fresh, empty consent log per test, and a way to dispose of it. */
export interface ConsentLogStoreHarness {
  open(): Promise<{ log: ConsentLogStore; close(): Promise<void> }>;
}

const T0 = new Date('2026-06-01T12:00:00Z');
const event = (
  chatId: string,
  minutes: number,
  extra: Partial<ConsentEvent> = {},
): ConsentEvent => ({
  at: new Date(T0.getTime() + minutes * 60_000),
  platform: 'whatsapp',
  chatId,
  userId: `+${chatId}`,
  action: 'opt-in',
  topics: [],
  text: 'subscribe',
  subscribed: true,
  ...extra,
});

/** The ConsentLogStore contract: every implementation runs this suite unchanged. */
export function consentLogStoreContract(name: string, harness: ConsentLogStoreHarness): void {
  describe(`ConsentLogStore contract: ${name}`, () => {
    let opened: Awaited<ReturnType<ConsentLogStoreHarness['open']>>;
    let log: ConsentLogStore;
    beforeEach(async () => {
      opened = await harness.open();
      log = opened.log;
    });
    afterEach(() => opened.close());

    it('appends events with increasing seq and reads them back whole, oldest first', async () => {
      const a = await log.record(event('1', 0, { topics: ['Sport', 'world'] }));
      const b = await log.record(
        event('1', 1, { action: 'opt-out', text: 'STOP', subscribed: false }),
      );
      expect(b.seq).toBeGreaterThan(a.seq);
      expect(await log.list()).toEqual([a, b]);
      expect(a).toMatchObject({ topics: ['Sport', 'world'], at: event('1', 0).at });
    });

    it('cuts long texts short and filters by platform, chat and time', async () => {
      const long = await log.record(event('1', 0, { text: 'x'.repeat(2000) }));
      expect(long.text.length).toBeLessThan(2000);
      await log.record(event('2', 5));
      await log.record(event('3', 10, { platform: 'telegram' }));
      expect((await log.list({ chatId: '2' })).map((e) => e.chatId)).toEqual(['2']);
      expect(await log.list({ platform: 'telegram' })).toHaveLength(1);
      expect((await log.list({ since: event('x', 5).at })).map((e) => e.chatId)).toEqual([
        '2',
        '3',
      ]);
      expect((await log.list())[0]?.text).toBe(long.text);
    });
  });
}
