import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteConsentLogStore } from '../../src/store/sqlite/consent-log-store.ts';

describe('herald whatsapp consent-log', () => {
  it('exports every opt-in and opt-out, as lines or JSON', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'herald-consent-'));
    const db = openSqliteDatabase(join(dataDir, 'herald.db'));
    const log = createSqliteConsentLogStore(db);
    const base = {
      platform: 'whatsapp' as const,
      chatId: '447700900123@s.whatsapp.net',
      userId: '447700900123',
      topics: [],
    };
    await log.record({
      ...base,
      at: new Date('2026-06-01T08:00:00Z'),
      action: 'opt-in',
      text: 'subscribe',
      subscribed: true,
    });
    await log.record({
      ...base,
      at: new Date('2026-06-02T09:30:00Z'),
      action: 'opt-out',
      text: 'STOP',
      subscribed: false,
    });
    db.close();
    const lines: string[] = [];
    const env = { HERALD_DATA_DIR: dataDir };
    expect(await runCli(['whatsapp', 'consent-log'], { env, out: (t) => lines.push(t) })).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^2026-06-02T09:30:00.000Z {2}opt-out .*-> not subscribed {2}"STOP"$/);
    lines.length = 0;
    const since = ['whatsapp', 'consent-log', '--json', '--since', '2026-06-02'];
    expect(await runCli(since, { env, out: (t) => lines.push(t) })).toBe(0);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      expect.objectContaining({ action: 'opt-out', at: '2026-06-02T09:30:00.000Z', seq: 2 }),
    ]);
  });

  it('login without the adapter handed in is a usage error', async () => {
    const env = { HERALD_DATA_DIR: mkdtempSync(join(tmpdir(), 'herald-consent-')) };
    expect(await runCli(['whatsapp', 'login'], { env, out: () => undefined })).toBe(2);
  });
});
