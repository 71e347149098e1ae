import { rmSync } from 'node:fs';
import QRCode from 'qrcode';
import type { WhatsAppLoginRequest, WhatsAppLoginResult } from '../../src/index.ts';
import { statusCode, WhatsAppSessionError } from './errors.ts';
import { linkedAccount } from './from-config.ts';
import type { ConnectionUpdate, WhatsAppEvents } from './types.ts';

/** The slice of a fresh baileys session that linking needs. */
export interface LoginSession {
  ev: WhatsAppEvents;
  requestPairingCode(phoneNumber: string): Promise<string>;
  /** The account id once linked (creds.me.id). */
  account(): string | undefined;
  close(): void;
}

export type OpenLoginSession = (request: WhatsAppLoginRequest) => Promise<LoginSession>;

/** The server restarts the stream after pairing (515): a few restarts are normal. */
const MAX_RESTARTS = 5;

/**
 * `herald whatsapp login`: shows a QR code in the terminal (or prints a pairing code), waits
 * until the phone has linked this device, and leaves the keys in the auth folder.
 */
export async function whatsappLogin(
  request: WhatsAppLoginRequest,
  open: OpenLoginSession = openRealSession,
  drawQr: (qr: string) => Promise<string> = drawQrCode,
): Promise<WhatsAppLoginResult> {
  if (request.reset) rmSync(request.authDir, { recursive: true, force: true });
  const existing = linkedAccount(request.authDir);
  if (existing !== undefined) return { account: existing, alreadyLinked: true };
  for (let restarts = 0; restarts <= MAX_RESTARTS; restarts += 1) {
    const session = await open(request);
    try {
      const outcome = await waitForLink(session, request, drawQr);
      if (outcome === 'open') return { account: accountOf(session), alreadyLinked: false };
    } finally {
      session.close();
    }
  }
  throw new WhatsAppSessionError('WhatsApp kept restarting the link; run the login again');
}

function accountOf(session: LoginSession): string {
  const id = session.account() ?? 'unknown';
  return id.split(/[:@]/)[0] ?? id;
}

/** Resolves 'open' once linked, 'restart' on 515; rejects on any other close. */
function waitForLink(
  session: LoginSession,
  request: WhatsAppLoginRequest,
  drawQr: (qr: string) => Promise<string>,
): Promise<'open' | 'restart'> {
  let asked = false;
  let shown = false;
  return new Promise((resolve, reject) => {
    const onUpdate = (update: ConnectionUpdate) => {
      if (update.qr !== undefined && !asked) {
        shown = true;
        asked = request.pairingPhone !== undefined;
        showCode(session, request, update.qr, drawQr).catch(reject);
      }
      if (update.connection === 'open') resolve('open');
      if (update.connection !== 'close') return;
      const code = statusCode(update.lastDisconnect?.error);
      if (code === 515) resolve('restart');
      else reject(closeError(code, shown));
    };
    session.ev.on('connection.update', onUpdate);
  });
}

async function showCode(
  session: LoginSession,
  request: WhatsAppLoginRequest,
  qr: string,
  drawQr: (qr: string) => Promise<string>,
): Promise<void> {
  if (request.pairingPhone === undefined) {
    request.out(await drawQr(qr));
    request.out('Scan it on the phone: WhatsApp > Settings > Linked devices > Link a device.');
    return;
  }
  const code = await session.requestPairingCode(request.pairingPhone.replace(/[^\d]/g, ''));
  const shown = code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
  request.out(`Pairing code: ${shown}`);
  request.out(
    'On the phone: WhatsApp > Settings > Linked devices > Link a device > Link with phone number instead, then type the code.',
  );
}

function closeError(code: number | undefined, shown: boolean): WhatsAppSessionError {
  if (!shown && (code === 408 || code === 428 || code === undefined)) {
    return new WhatsAppSessionError(
      `could not reach WhatsApp (code ${code ?? 'none'}): check the network and run the login again`,
      code,
    );
  }
  if (code === 408) {
    return new WhatsAppSessionError(
      'the code expired before the phone linked: run the login again',
      code,
    );
  }
  if (code === 401) {
    return new WhatsAppSessionError(
      'WhatsApp refused the link (logged out): run `herald whatsapp login --reset`',
      code,
    );
  }
  return new WhatsAppSessionError(`WhatsApp closed the link (code ${code ?? 'none'})`, code);
}

export function drawQrCode(qr: string): Promise<string> {
  return QRCode.toString(qr, { type: 'terminal', small: true });
}

async function openRealSession(request: WhatsAppLoginRequest): Promise<LoginSession> {
  const { openBaileysSession } = await import('./socket.ts');
  const session = await openBaileysSession(request.authDir, request.log);
  return {
    ev: session.sock.ev,
    requestPairingCode: (phone) => session.sock.requestPairingCode(phone),
    account: () => session.auth.creds.me?.id,
    close: () => {
      session.close();
    },
  };
}
