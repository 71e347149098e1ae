import {
  makeWASocket,
  useMultiFileAuthState,
  type AuthenticationState,
  type WASocket,
} from '@whiskeysockets/baileys';
import type { Log } from '../../src/index.ts';
import { toBaileysLogger } from './baileys-logger.ts';
import type { SocketHandle } from './types.ts';

/** The real socket and its auth state (login.ts needs both). */
export interface BaileysSession {
  sock: WASocket;
  auth: AuthenticationState;
  close(): void;
}

/**
 * Opens a baileys socket on the auth folder (useMultiFileAuthState): the keys persist there, so
 * a restart does not ask to link again. No full history sync (Herald answers live messages only); the
 * initial sync stays on, as baileys 7 needs it for the LID mappings.
 */
export async function openBaileysSession(
  authDir: string,
  log: Log,
  webSocketUrl?: string,
): Promise<BaileysSession> {
  const { state, saveCreds } = await useMultiFileAuthState(authDir);
  const sock = makeWASocket({
    ...(webSocketUrl === undefined ? {} : { waWebSocketUrl: webSocketUrl }),
    auth: state,
    logger: toBaileysLogger(log),
    markOnlineOnConnect: false,
    syncFullHistory: false,
  });
  const save = () => {
    saveCreds().catch((err: unknown) => {
      log.error({ err, authDir }, 'whatsapp: could not save the credentials');
    });
  };
  sock.ev.on('creds.update', save);
  return {
    sock,
    auth: state,
    close: () => {
      sock.ev.off('creds.update', save);
      sock.end(undefined).catch(() => undefined);
    },
  };
}

/** The adapter's OpenSocket on the real thing. */
export async function openBaileysSocket(
  authDir: string,
  log: Log,
  webSocketUrl?: string,
): Promise<SocketHandle> {
  const session = await openBaileysSession(authDir, log, webSocketUrl);
  return {
    socket: session.sock,
    close: () => {
      session.close();
    },
  };
}
