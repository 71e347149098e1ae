import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DisconnectReason } from '@whiskeysockets/baileys';
import { describe, expect, it } from 'vitest';
import { linkedAccount, linkIdentity } from '../../adapters/whatsapp/from-config.ts';
import { whatsappLogin, type LoginSession } from '../../adapters/whatsapp/login.ts';
import { silentLog } from '../../src/domain/log.ts';
import { closed, createFakeSocket, OPEN, type FakeSocket } from '../support/whatsapp-fake.ts';
import { settle } from '../support/whatsapp-harness.ts';

function sessions(account = '447700900123:4@s.whatsapp.net') {
  const opened: FakeSocket[] = [];
  const pairing: string[] = [];
  const open = () => {
    const socket = createFakeSocket();
    opened.push(socket);
    const session: LoginSession = {
      ev: socket.ev,
      requestPairingCode: (phone) => {
        pairing.push(phone);
        return Promise.resolve('ABCD1234');
      },
      account: () => account,
      close: () => {
        socket.closed = true;
      },
    };
    return Promise.resolve(session);
  };
  return { opened, pairing, open };
}

function request(authDir: string, extra: { pairingPhone?: string; reset?: boolean } = {}) {
  const lines: string[] = [];
  const out = (text: string) => lines.push(text);
  return { lines, req: { authDir, reset: extra.reset ?? false, out, log: silentLog, ...extra } };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'herald-wa-'));

describe('herald whatsapp login', () => {
  it('draws the QR code from connection.update, reconnects on 515, ends when open', async () => {
    const s = sessions();
    const { lines, req } = request(join(tempDir(), 'auth'));
    const done = whatsappLogin(req, s.open);
    await settle();
    s.opened[0]?.emit('connection.update', { qr: '2@abc,def,ghi,jkl' });
    await settle(10);
    expect(lines.join('\n')).toMatch(/[▄▀█]/);
    expect(lines.join('\n')).toMatch(/Linked devices/);
    s.opened[0]?.emit('connection.update', closed(DisconnectReason.restartRequired));
    await settle();
    s.opened[1]?.emit('connection.update', OPEN);
    await expect(done).resolves.toEqual({ account: '447700900123', alreadyLinked: false });
    expect(s.opened.map((o) => o.closed)).toEqual([true, true]);
  });

  it('with --pairing-code asks for a code once and prints it', async () => {
    const s = sessions();
    const { lines, req } = request(join(tempDir(), 'auth'), { pairingPhone: '447700900123' });
    const done = whatsappLogin(req, s.open);
    await settle();
    s.opened[0]?.emit('connection.update', { qr: 'one' });
    s.opened[0]?.emit('connection.update', { qr: 'two' });
    await settle();
    expect(s.pairing).toEqual(['447700900123']);
    expect(lines).toContain('Pairing code: ABCD-1234');
    s.opened[0]?.emit('connection.update', OPEN);
    await done;
  });

  it('an expired code, or a refusal, ends with what to do', async () => {
    const s = sessions();
    const { req } = request(join(tempDir(), 'auth'));
    const done = whatsappLogin(req, s.open);
    await settle();
    s.opened[0]?.emit('connection.update', { qr: 'x' });
    await settle(10);
    s.opened[0]?.emit('connection.update', closed(DisconnectReason.timedOut));
    await expect(done).rejects.toThrow(/expired/);
  });

  it('does nothing when the folder already holds a linked account; --reset clears it', async () => {
    const dir = join(tempDir(), 'auth');
    mkdirSync(dir, { recursive: true });
    const creds = { me: { id: '447700900999:2@s.whatsapp.net' }, account: { details: 'x' } };
    writeFileSync(join(dir, 'creds.json'), JSON.stringify(creds));
    expect(linkedAccount(dir)).toBe('447700900999');
    const s = sessions();
    await expect(whatsappLogin(request(dir).req, s.open)).resolves.toEqual({
      account: '447700900999',
      alreadyLinked: true,
    });
    expect(s.opened).toHaveLength(0);
    const again = whatsappLogin(request(dir, { reset: true }).req, s.open);
    await settle();
    expect(linkedAccount(dir)).toBeUndefined();
    s.opened[0]?.emit('connection.update', OPEN);
    await again;
  });

  it('tells a new link from the logged-out one by its registration', () => {
    const dir = join(tempDir(), 'auth');
    mkdirSync(dir, { recursive: true });
    const write = (creds: object) => {
      writeFileSync(join(dir, 'creds.json'), JSON.stringify(creds));
    };
    const me = { id: '447700900999:2@s.whatsapp.net' };
    write({ me, account: { details: 'x' }, registrationId: 111 });
    const before = linkIdentity(dir);
    expect(before).toBe('447700900999:2@s.whatsapp.net#111');
    // A login under way: keys written, the phone has not linked yet.
    write({ registrationId: 222 });
    expect(linkIdentity(dir)).toBeUndefined();
    write({ me, account: { details: 'y' }, registrationId: 222 });
    expect(linkIdentity(dir)).not.toBe(before);
  });
});
