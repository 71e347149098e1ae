import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FORMAT } from '../../src/domain/post-format.ts';
import type { PostFormatStore } from '../../src/store/post-format-store.ts';

export interface PostFormatStoreHarness {
  open(): Promise<{ formats: PostFormatStore; close(): Promise<void> }>;
}

const T0 = new Date('2026-06-01T12:00:00Z');

/** The PostFormatStore contract: every implementation runs this suite unchanged. */
export function postFormatStoreContract(name: string, harness: PostFormatStoreHarness): void {
  describe(`PostFormatStore contract: ${name}`, () => {
    let opened: Awaited<ReturnType<PostFormatStoreHarness['open']>>;
    beforeEach(async () => {
      opened = await harness.open();
    });
    afterEach(() => opened.close());

    it('saves, replaces and removes a subscription format', async () => {
      const { formats } = opened;
      expect(await formats.getFormat('sub-1')).toBeUndefined();
      const first = { ...DEFAULT_FORMAT, header: '{source}: {title}' };
      await formats.saveFormat({
        subscriptionId: 'sub-1',
        format: first,
        updatedBy: 'Ada',
        updatedAt: T0,
      });
      expect(await formats.getFormat('sub-1')).toEqual({
        subscriptionId: 'sub-1',
        format: first,
        updatedBy: 'Ada',
        updatedAt: T0,
      });
      const second = { ...first, parts: { ...first.parts, buttons: false }, footer: '{topics}' };
      await formats.saveFormat({
        subscriptionId: 'sub-1',
        format: second,
        updatedBy: 'Grace',
        updatedAt: T0,
      });
      expect((await formats.getFormat('sub-1'))?.format).toEqual(second);
      expect((await formats.getFormat('sub-1'))?.updatedBy).toBe('Grace');
      expect(await formats.removeFormat('sub-1')).toBe(true);
      expect(await formats.removeFormat('sub-1')).toBe(false);
      expect(await formats.getFormat('sub-1')).toBeUndefined();
    });
  });
}
