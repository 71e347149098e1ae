import { describe, expect, it } from 'vitest';
import { linkedAccount } from '../../adapters/whatsapp/from-config.ts';
import { createWhatsAppPlatform } from '../../adapters/whatsapp/index.ts';
import { phoneJid } from '../../adapters/whatsapp/jid.ts';
import { loadConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/log.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteConsentLogStore } from '../../src/store/sqlite/consent-log-store.ts';
import { createSqliteLockStore } from '../../src/store/sqlite/lock-store.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';

/**
 * The live smoke test: the real baileys socket on the saved auth (herald whatsapp login first),
 * one message to the first WHATSAPP_OPERATOR_NUMBERS number. Runs only with WA_SMOKE=1: it
 * needs the network, a linked number and a phone to look at.
 */
const enabled = process.env.WA_SMOKE === '1';
const reason = 'skipped: set WA_SMOKE=1 (with a linked number and WHATSAPP_OPERATOR_NUMBERS)';

describe('WhatsApp live smoke', () => {
  it.skipIf(!enabled)(
    enabled ? 'sends one message to an operator number' : reason,
    async () => {
      const config = loadConfig(process.env);
      const authDir = config.whatsapp?.authDir ?? 'data/whatsapp-auth';
      const operator = config.whatsapp?.operatorNumbers[0];
      expect(linkedAccount(authDir), `no linked account in ${authDir}`).toBeDefined();
      expect(operator, 'set WHATSAPP_OPERATOR_NUMBERS').toBeDefined();
      const log = createLogger(config);
      const db = openSqliteDatabase(':memory:');
      const platform = createWhatsAppPlatform({
        open: async () =>
          (await import('../../adapters/whatsapp/socket.ts')).openBaileysSocket(authDir, log),
        openStores: () =>
          Promise.resolve({
            subscriptions: createSqliteSubscriptionStore(db),
            consentLog: createSqliteConsentLogStore(db),
            lock: createSqliteLockStore(db),
          }),
        lockName: 'whatsapp-session:smoke',
        groupsEnabled: false,
        receive: false,
        timeZone: config.schedule.timezone,
        log,
      });
      await platform.start({ handleText: () => Promise.resolve(undefined) });
      try {
        expect(platform.state()).toBe('ready');
        const outcome = await platform.send(
          { platform: 'whatsapp', chatId: phoneJid(operator ?? ''), kind: 'private' },
          { kind: 'notice', text: `Herald smoke test, ${new Date().toISOString()}` },
        );
        expect(outcome.kind).toBe('sent');
      } finally {
        await platform.stop();
      }
    },
    120_000,
  );
});
