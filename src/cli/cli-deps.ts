import type { Config } from '../app/config.ts';
import type { Log } from '../domain/log.ts';
import type { Platform } from '../domain/platform.ts';
import type { PreviewRenderer } from '../domain/post-format.ts';
import type { Terminal } from '../domain/terminal.ts';

/** What the entry point hands the CLI: the environment, the output streams, the adapters. */
export interface CliDeps {
  env: Record<string, string | undefined>;
  out: (text: string) => void;
  /**
   * The platform adapters that have credentials in `config` (console when none). With
   * `once` (`herald start --once`) no adapter waits for incoming commands.
   */
  createPlatforms?: (
    config: Config,
    log: Log,
    options?: { once?: boolean; terminal?: Terminal },
  ) => Platform[] | Promise<Platform[]>;
  /** Each platform's own renderer for post-format previews (adapters/previews.ts). */
  previews?: (timeZone: string) => PreviewRenderer;
  /** Links a WhatsApp number (`herald whatsapp login`); lives in adapters/whatsapp/login.ts. */
  whatsappLogin?: (request: WhatsAppLoginRequest) => Promise<WhatsAppLoginResult>;
}

export interface WhatsAppLoginRequest {
  /** Where the linked account's keys are saved (WHATSAPP_AUTH_DIR). */
  authDir: string;
  /** Link with a pairing code for this phone number instead of a QR code. */
  pairingPhone?: string;
  /** Delete the saved keys first (after a logout, or to link another number). */
  reset: boolean;
  out: (text: string) => void;
  log: Log;
}

export interface WhatsAppLoginResult {
  /** The linked number (digits). */
  account: string;
  /** True when the folder already held a linked account (nothing was done). */
  alreadyLinked: boolean;
}
