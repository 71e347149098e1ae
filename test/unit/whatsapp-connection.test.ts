import { DisconnectReason } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { createConnection } from '../../adapters/whatsapp/connection.ts';
import { DISCONNECT_RULES } from '../../adapters/whatsapp/disconnect-rules.ts';
import { WhatsAppSessionLockedError } from '../../adapters/whatsapp/errors.ts';
import type { Sleep } from '../../src/delivery/sleep.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import type { CommandHandler } from '../../src/domain/platform.ts';
import { createCaptureLog } from '../support/capture-log.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteSubscriptionStore } from '../../src/store/sqlite/subscription-store.ts';
import { closed, createSocketFactory, OPEN } from '../support/whatsapp-fake.ts';
import { createWhatsAppHarness, settle } from '../support/whatsapp-harness.ts';

/** A sleep that records each wait and returns at once. */
function recordingSleep() {
  const waits: number[] = [];
  const sleep: Sleep = (ms) => {
    waits.push(ms);
    return Promise.resolve();
  };
  return { waits, sleep };
}

async function connected() {
  const factory = createSocketFactory();
  const { waits, sleep } = recordingSleep();
  const fatal: string[] = [];
  const connection = createConnection({
    open: factory.open,
    attach: () => () => undefined,
    log: createCaptureLog().log,
    sleep,
    random: () => 0.5,
    backoff: { baseMs: 1000, maxMs: 60_000 },
    onFatal: (err) => fatal.push(err.message),
  });
  const started = connection.start();
  await settle();
  factory.last().emit('connection.update', OPEN);
  await started;
  return { factory, waits, fatal, connection };
}

const codes = Object.values(DisconnectReason).filter((v): v is number => typeof v === 'number');

describe('WhatsApp connection rules', () => {
  it('has a rule for every DisconnectReason baileys names', () => {
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(Object.keys(DISCONNECT_RULES)).toContain(String(code));
  });

  it('515 (restart required after pairing) reconnects at once, without waiting', async () => {
    const { factory, waits, connection } = await connected();
    factory.last().emit('connection.update', closed(DisconnectReason.restartRequired));
    await settle();
    expect(factory.sockets).toHaveLength(2);
    expect(factory.sockets[0]?.closed).toBe(true);
    expect(waits).toEqual([]);
    factory.last().emit('connection.update', OPEN);
    expect(connection.state()).toBe('ready');
  });

  it.each([
    ['connectionClosed', DisconnectReason.connectionClosed],
    ['connectionLost / timedOut', DisconnectReason.connectionLost],
    ['unavailableService', DisconnectReason.unavailableService],
    ['no status code', undefined],
  ])('%s reconnects after a growing backoff', async (_name, code) => {
    const { factory, waits, connection } = await connected();
    for (let i = 0; i < 3; i += 1) {
      factory.last().emit('connection.update', closed(code));
      expect(connection.state()).toBe('degraded');
      await settle();
    }
    expect(factory.sockets).toHaveLength(4);
    expect(waits).toEqual([750, 1500, 3000]);
    factory.last().emit('connection.update', OPEN);
    factory.last().emit('connection.update', closed(code));
    await settle();
    expect(waits.at(-1)).toBe(750);
  });

  it('badSession (500) is retried 5 times, then WhatsApp stops with a relink message', async () => {
    const { factory, fatal, connection } = await connected();
    for (let i = 0; i < 6; i += 1) {
      factory.last().emit('connection.update', closed(DisconnectReason.badSession));
      await settle();
    }
    expect(factory.sockets).toHaveLength(6);
    expect(connection.state()).toBe('stopped');
    expect(fatal[0]).toMatch(/herald whatsapp login --reset/);
  });

  it.each([
    [DisconnectReason.loggedOut, /logged this device out.*herald whatsapp login/],
    [DisconnectReason.connectionReplaced, /another client opened this WhatsApp session/],
    [DisconnectReason.multideviceMismatch, /multi-device mismatch.*herald whatsapp login/],
    [DisconnectReason.forbidden, /403 forbidden/],
  ])('%i stops WhatsApp with a clear message and does not reconnect', async (code, message) => {
    const { factory, fatal, connection, waits } = await connected();
    factory.last().emit('connection.update', closed(code));
    await settle();
    expect(connection.state()).toBe('stopped');
    expect(connection.socket()).toBeUndefined();
    expect(factory.sockets).toHaveLength(1);
    expect(factory.sockets[0]?.closed).toBe(true);
    expect(waits).toEqual([]);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatch(message);
  });

  it('a QR code asked for at run time means the number is not linked: stop', async () => {
    const factory = createSocketFactory();
    const connection = createConnection({
      open: factory.open,
      attach: () => () => undefined,
      log: createCaptureLog().log,
      sleep: recordingSleep().sleep,
    });
    const started = connection.start();
    await settle();
    factory.last().emit('connection.update', { qr: 'ref,key,key,key' });
    await expect(started).rejects.toThrow(/herald whatsapp login/);
    expect(connection.state()).toBe('stopped');
  });

  it('start rejects when the first close is fatal', async () => {
    const factory = createSocketFactory();
    const connection = createConnection({
      open: factory.open,
      attach: () => () => undefined,
      log: createCaptureLog().log,
      sleep: recordingSleep().sleep,
    });
    const started = connection.start();
    await settle();
    factory.last().emit('connection.update', closed(DisconnectReason.loggedOut));
    await expect(started).rejects.toThrow(/logged this device out/);
  });
});

describe('WhatsApp session lock', () => {
  const commands: CommandHandler = { handleText: () => Promise.resolve(undefined) };

  it('refuses a second instance while the first holds the session; frees it on stop', async () => {
    const db = openSqliteDatabase(':memory:');
    const subscriptions = createSqliteSubscriptionStore(db);
    const clock = createManualClock(new Date('2026-06-01T08:00:00Z'));
    const first = createWhatsAppHarness({ subscriptions, clock, db });
    const second = createWhatsAppHarness({ subscriptions, clock, db });
    await first.start(commands);
    await expect(second.platform.start(commands)).rejects.toBeInstanceOf(
      WhatsAppSessionLockedError,
    );
    expect(second.factory.sockets).toHaveLength(0);
    expect(second.platform.state()).toBe('stopped');
    await first.platform.stop();
    await second.start(commands);
    expect(second.platform.state()).toBe('ready');
  });

  it('takes over a lock whose holder died (expired)', async () => {
    const db = openSqliteDatabase(':memory:');
    const subscriptions = createSqliteSubscriptionStore(db);
    const clock = createManualClock(new Date('2026-06-01T08:00:00Z'));
    const crashed = createWhatsAppHarness({ subscriptions, clock, db });
    await crashed.start(commands);
    clock.advance(61_000);
    const next = createWhatsAppHarness({ subscriptions, clock, db });
    await next.start(commands);
    expect(next.platform.state()).toBe('ready');
  });
});
