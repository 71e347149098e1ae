import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProcessRegistry } from '../../src/store/process-registry.ts';

/** A fresh, empty registry per test, and a way to dispose of it. */
export interface ProcessRegistryHarness {
  open(): Promise<{ processes: ProcessRegistry; close(): Promise<void> }>;
}

const T0 = new Date('2026-06-01T12:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const TTL = 15_000;
const A = { id: '101-aaaa', pid: 101, host: 'one' };
const B = { id: '202-bbbb', pid: 202, host: 'two' };

/** The ProcessRegistry contract: every implementation runs this suite unchanged. */
export function processRegistryContract(name: string, harness: ProcessRegistryHarness): void {
  describe(`ProcessRegistry contract: ${name}`, () => {
    let opened: Awaited<ReturnType<ProcessRegistryHarness['open']>>;
    let registry: ProcessRegistry;
    beforeEach(async () => {
      opened = await harness.open();
      registry = opened.processes;
    });
    afterEach(() => opened.close());

    it('lets one process hold the store alone and names it to the next one', async () => {
      expect(await registry.enter(A, T0, TTL, { alone: true })).toEqual({ ok: true });
      expect(await registry.enter(B, at(5), TTL, { alone: true })).toEqual({
        ok: false,
        holder: { ...A, startedAt: T0, heartbeatAt: T0, expiresAt: at(15) },
      });
      expect((await registry.list()).map((p) => p.id)).toEqual([A.id]);
    });

    it('keeps a claim alive by heartbeats; one whose heartbeat ran out no longer holds it', async () => {
      await registry.enter(A, T0, TTL, { alone: true });
      expect(await registry.heartbeat(A.id, at(10), TTL)).toBe(true);
      expect(await registry.enter(B, at(20), TTL, { alone: true })).toMatchObject({ ok: false });
      expect(await registry.enter(B, at(25), TTL, { alone: true })).toEqual({ ok: true });
      expect((await registry.list()).map((p) => p.id)).toEqual([A.id, B.id]);
    });

    it('lets a process enter past one known to be gone, and forgets entries', async () => {
      await registry.enter(A, T0, TTL, { alone: true });
      expect(await registry.enter(B, at(1), TTL, { alone: true, gone: [A.id] })).toEqual({
        ok: true,
      });
      expect(await registry.forget([A.id, 'nobody'])).toBe(1);
      expect(await registry.heartbeat(A.id, at(2), TTL)).toBe(false);
      expect((await registry.list()).map((p) => p.id)).toEqual([B.id]);
    });

    it('lists every process of a fleet when none claims the store alone', async () => {
      expect(await registry.enter(A, T0, TTL, { alone: false })).toEqual({ ok: true });
      expect(await registry.enter(B, T0, TTL, { alone: false })).toEqual({ ok: true });
      const listed = await registry.list();
      expect(listed.map((p) => [p.id, p.pid, p.host])).toEqual([
        [A.id, 101, 'one'],
        [B.id, 202, 'two'],
      ]);
    });
  });
}
