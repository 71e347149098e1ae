import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStore, type DatabaseConfig } from '../../src/store/open-store.ts';
import {
  heraldEnv,
  poll,
  runHerald,
  seedReaders,
  startHeraldStandIn,
  writeStories,
} from '../support/fault-herald.ts';
import { printSummary } from '../support/fault-plan.ts';
import { integrityCheck, probeStore } from '../support/fault-store-probe.ts';

const READERS = 250;
const STORIES = 20;
const FIRST_READER = 80_000;
const GRACE_MS = 3000;
/** shutdown.ts exits 1 by itself past the grace period plus its 5 s close margin. */
const SELF_LIMIT_MS = GRACE_MS + 5000;
const SIGTERM_AFTER = 1000;

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SIGTERM during a 5,000-delivery fan-out', () => {
  it('exits 0 within the grace period, loses nothing, and a restart delivers the rest once', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'herald-term-'));
    dirs.push(cwd);
    const titles = writeStories(join(cwd, 'content'), STORIES);
    const db: DatabaseConfig = { kind: 'sqlite', path: join(cwd, 'data', 'herald.db') };
    await seedReaders(db, FIRST_READER, READERS);
    const tg = await startHeraldStandIn(FIRST_READER, READERS);
    const env = heraldEnv(cwd, tg.standIn, tg.apiRoot, {
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      LOG_LEVEL: 'info',
    });
    const probe = probeStore(db);
    try {
      const first = runHerald(['start'], cwd, env, children);
      expect(await poll(() => tg.standIn.messages.length >= SIGTERM_AFTER)).toBe(true);
      const signalled = Date.now();
      first.child.kill('SIGTERM');
      const exit = await first.exited;
      const tookMs = Date.now() - signalled;
      const deliveredBefore = tg.standIn.messages.length;
      const leftLeased = await probe.sending();
      expect(exit, first.output()).toBe('exit 0');
      expect(first.output()).toContain('stopped cleanly');
      expect(tookMs).toBeLessThan(SELF_LIMIT_MS + 2000);
      expect(leftLeased).toBe(0);
      expect(deliveredBefore).toBeLessThan(READERS * STORIES);

      const again = runHerald(['start', '--once'], cwd, env, children);
      expect(await again.exited, again.output()).toBe('exit 0');
      await probe.close();
      expect(integrityCheck(db.path)).toBe('ok');
      const ledger = tg.ledger();
      let lost = 0;
      for (let r = 0; r < READERS; r += 1) {
        for (const title of titles) if (!ledger.has(String(FIRST_READER + r), title)) lost += 1;
      }
      const store = await openStore(db);
      const counts = await store.outbox.countsByState();
      await store.close();
      printSummary({
        name: `sigterm under load (stopped in ${tookMs} ms, grace ${GRACE_MS} ms, ${deliveredBefore} sent before)`,
        inputs: READERS * STORIES,
        faults: 1,
        deliveries: counts.sent,
        lost,
        duplicated: ledger.duplicated(),
        window: tg.unanswered(),
      });
      expect(lost).toBe(0);
      expect(counts).toMatchObject({ sent: READERS * STORIES, pending: 0, sending: 0, dead: 0 });
      expect(ledger.duplicated()).toBeLessThanOrEqual(tg.unanswered());
    } finally {
      await probe.close();
      await tg.standIn.close();
    }
  }, 150_000);

  // Sends stuck on the wire at the end of the grace period: the shutdown still ends in time,
  // and their rows (leased, unrecorded) go again after a restart: the in-flight window.
  it('exits 0 within the grace period while the platform holds every answer back', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'herald-stall-'));
    dirs.push(cwd);
    const titles = writeStories(join(cwd, 'content'), 4);
    const db: DatabaseConfig = { kind: 'sqlite', path: join(cwd, 'data', 'herald.db') };
    const readers = 40;
    await seedReaders(db, FIRST_READER, readers);
    let stall = true;
    const tg = await startHeraldStandIn(FIRST_READER, readers, () =>
      stall && tg.standIn.messages.length >= 20 ? 'slow' : undefined,
    );
    const env = heraldEnv(cwd, tg.standIn, tg.apiRoot, {
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      LOG_LEVEL: 'info',
    });
    try {
      const first = runHerald(['start'], cwd, env, children);
      expect(await poll(() => tg.standIn.messages.length >= 28)).toBe(true);
      const signalled = Date.now();
      first.child.kill('SIGTERM');
      const exit = await first.exited;
      const tookMs = Date.now() - signalled;
      expect(exit, first.output()).toBe('exit 0');
      expect(tookMs).toBeLessThan(SELF_LIMIT_MS + 2000);
      stall = false;
      await new Promise((r) => setTimeout(r, 1600)); // leases of the sends left on the wire
      const again = runHerald(['start', '--once'], cwd, env, children);
      expect(await again.exited, again.output()).toBe('exit 0');
      const ledger = tg.ledger();
      let lost = 0;
      for (let r = 0; r < readers; r += 1) {
        for (const title of titles) if (!ledger.has(String(FIRST_READER + r), title)) lost += 1;
      }
      printSummary({
        name: `sigterm with a stalled platform (stopped in ${tookMs} ms, grace ${GRACE_MS} ms)`,
        inputs: readers * titles.length,
        faults: 1 + tg.unanswered(),
        deliveries: ledger.distinct(),
        lost,
        duplicated: ledger.duplicated(),
        window: tg.unanswered(),
      });
      expect(lost).toBe(0);
      expect(ledger.duplicated()).toBeLessThanOrEqual(tg.unanswered());
    } finally {
      await tg.standIn.close();
    }
  }, 90_000);
});
