import type { Command } from 'commander';
import { loadConfig } from './lazy-context.ts';
import { withCliContext } from './lazy-context.ts';
import type { ConsentEntry } from '../store/consent-log-store.ts';
import type { CliDeps } from './cli-deps.ts';
import { UsageError } from './usage-error.ts';

interface LoginOptions {
  pairingCode?: string;
  reset?: boolean;
}

interface ConsentLogOptions {
  json?: boolean;
  since?: string;
  chat?: string;
}

/** `herald whatsapp login | consent-log`: link the number; export who opted in and out. */
export function registerWhatsAppCommands(program: Command, deps: CliDeps): void {
  const whatsapp = program.command('whatsapp').description('WhatsApp: link a number, consent log');
  whatsapp
    .command('login')
    .description('link a WhatsApp number: scan the QR code shown (or type a pairing code)')
    .option('--pairing-code <phone>', 'print a pairing code for this number (447700900123)')
    .option('--reset', 'delete the saved keys first (after a logout, or for another number)')
    .action((opts: LoginOptions) => login(deps, opts));
  whatsapp
    .command('consent-log')
    .description('every opt-in and opt-out with its time, oldest first')
    .option('--json', 'one JSON object per line')
    .option('--since <date>', 'only entries at or after this date (ISO 8601)')
    .option('--chat <jid>', 'only this chat')
    .action((opts: ConsentLogOptions) => consentLog(deps, opts));
}

async function login(deps: CliDeps, opts: LoginOptions): Promise<void> {
  if (deps.whatsappLogin === undefined) {
    throw new UsageError('no WhatsApp login was handed in: run herald through bin/herald.js');
  }
  const phone = opts.pairingCode?.replace(/[\s+()-]/g, '');
  if (phone !== undefined && !/^\d{6,15}$/.test(phone)) {
    throw new UsageError(
      '--pairing-code takes the phone number in international form, digits only',
    );
  }
  const config = await loadConfig(deps.env);
  const { createLogger } = await import('../app/log.ts');
  const authDir = config.whatsapp?.authDir ?? `${config.dataDir}/whatsapp-auth`;
  const result = await deps.whatsappLogin({
    authDir,
    reset: opts.reset === true,
    out: deps.out,
    log: createLogger(config),
    ...(phone === undefined ? {} : { pairingPhone: phone }),
  });
  deps.out(
    result.alreadyLinked
      ? `already linked to +${result.account} (keys in ${authDir}); --reset links another number`
      : `linked to +${result.account}; keys saved in ${authDir}. Set WHATSAPP_ENABLED=true and run herald start.`,
  );
}

async function consentLog(deps: CliDeps, opts: ConsentLogOptions): Promise<void> {
  const since = opts.since === undefined ? undefined : new Date(opts.since);
  if (since !== undefined && Number.isNaN(since.getTime())) {
    throw new UsageError(`--since takes a date such as 2026-06-01, not "${opts.since ?? ''}"`);
  }
  await withCliContext(deps.env, async ({ store }) => {
    const entries = await store.consentLog.list({
      platform: 'whatsapp',
      ...(since === undefined ? {} : { since }),
      ...(opts.chat === undefined ? {} : { chatId: opts.chat }),
    });
    for (const entry of entries) deps.out(opts.json === true ? entryJson(entry) : entryLine(entry));
    if (entries.length === 0 && opts.json !== true) deps.out('(no opt-in or opt-out recorded)');
  });
}

function entryLine(e: ConsentEntry): string {
  const topics = e.topics.length === 0 ? 'all' : e.topics.join(', ');
  const state = e.subscribed ? 'subscribed' : 'not subscribed';
  return `${e.at.toISOString()}  ${e.action.padEnd(7)}  ${e.chatId}  user ${e.userId}  topics: ${topics}  -> ${state}  ${JSON.stringify(e.text)}`;
}

function entryJson(e: ConsentEntry): string {
  return JSON.stringify({ ...e, at: e.at.toISOString() });
}
