import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferJSON, initAuthCreds } from '@whiskeysockets/baileys';
import { WebSocketServer } from 'ws';
import { startDiscordStandIn } from '../test/support/discord-stand-in.ts';
import { TelegramStandIn } from '../test/support/telegram-stand-in.ts';
import type { Results } from './figures.ts';
import { startOnce } from './start.ts';

const M = '6 memory';

/**
 * A linked WhatsApp account as `herald whatsapp login` leaves it (fresh keys, `me` and `account`
 * set), so `herald start` loads baileys and opens its socket.
 */
function linkedAuthDir(dir: string): string {
  const authDir = join(dir, 'whatsapp-auth');
  mkdirSync(authDir, { recursive: true });
  const creds = { ...initAuthCreds(), me: { id: '447700900123:1@s.whatsapp.net' }, account: {} };
  writeFileSync(join(authDir, 'creds.json'), JSON.stringify(creds, BufferJSON.replacer));
  return authDir;
}

/**
 * WhatsApp Web on loopback that takes the socket and says nothing: baileys connects, waits for
 * the handshake's answer, times out and reconnects (the protocol is not emulated, so no session
 * state is held; the SDK and its sockets are).
 */
async function silentWhatsAppWeb(): Promise<{ url: string; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ws/chat`,
    close: () =>
      new Promise((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/**
 * Issue 23 point 6: `herald start` on the `count` stories of `dataDir` with Telegram, Discord
 * and WhatsApp configured against loopback stand-ins (the console is then off), followed until
 * the whole store is indexed: its peak RSS (VmHWM) then, beside the goal of 400 MB.
 */
export async function benchPlatformsMemory(results: Results, dataDir: string, count: number) {
  const dir = mkdtempSync(join(tmpdir(), 'herald-bench-platforms-'));
  const telegram = new TelegramStandIn();
  const discord = await startDiscordStandIn();
  const whatsapp = await silentWhatsAppWeb();
  try {
    const env = {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: await telegram.listen(),
      DISCORD_TOKEN: discord.token,
      DISCORD_API_ROOT: discord.apiRoot,
      WHATSAPP_ENABLED: 'true',
      WHATSAPP_AUTH_DIR: linkedAuthDir(dir),
      WHATSAPP_WEB_SOCKET_URL: whatsapp.url,
      // baileys' handshake times out against the silent stand-in, by design: no error lines.
      LOG_LEVEL: 'fatal',
    };
    const run = await startOnce(dataDir, 900_000, 'indexed', env);
    const size = count.toLocaleString('en-US');
    if (run.peakRssMb === undefined) {
      results.note(M, 'peak RSS with every platform not measured: no /proc here');
      return;
    }
    results.add(
      M,
      `peak RSS, herald start with Telegram, Discord, WhatsApp and ${size} stories indexed`,
      run.peakRssMb,
      'MB',
      count >= 100_000 ? { op: '<=', value: 400 } : undefined,
    );
    results.note(
      M,
      `every platform: /healthz answered in ${(run.readyMs / 1000).toFixed(1)} s, whole index in ${((run.indexedMs ?? Number.NaN) / 1000).toFixed(1)} s; Telegram and Discord against their stand-ins (test/support), WhatsApp's baileys against a silent loopback WhatsApp Web (no handshake answered, so no session state)`,
    );
  } finally {
    await telegram.close();
    await discord.close();
    await whatsapp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
