import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDiscordStandIn } from '../support/discord-stand-in.ts';
import { TelegramStandIn } from '../support/telegram-stand-in.ts';

/**
 * `herald start --once` run with known secrets (TELEGRAM_BOT_TOKEN, DISCORD_TOKEN,
 * TELEGRAM_WEBHOOK_SECRET, a DATABASE_URL password) at debug level, on the happy path against
 * the stand-ins and on failure paths (a 401 from each stand-in, a DATABASE_URL that cannot
 * connect). All of stdout and stderr is searched for each secret, raw and URL-encoded.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/herald.js');
const SEED = join(ROOT, 'content/000_286eab670ba08ef6.txt');

const SECRETS = {
  telegram: '7654321:AAH-telegram-SECRET-token_value42',
  discord: 'MTIzNDU2.discord-SECRET.token-value-42',
  webhook: 'webhook-SECRET-value_42',
  dbPassword: 'db-SECRET p@ss/w0rd!42',
};
const forms = (secret: string) => [
  secret,
  encodeURIComponent(secret),
  secret.slice(secret.indexOf(':') + 1),
  secret.split(/[-.]/).find((p) => p.includes('SECRET')) ?? secret,
];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function workingEnv(extra: Record<string, string>): { cwd: string; env: NodeJS.ProcessEnv } {
  const cwd = mkdtempSync(join(tmpdir(), 'herald-secrets-'));
  dirs.push(cwd);
  mkdirSync(join(cwd, 'content'));
  copyFileSync(SEED, join(cwd, 'content', 'seed.txt'));
  const env = {
    PATH: process.env.PATH,
    HOME: cwd,
    HERALD_DATA_DIR: join(cwd, 'data'),
    CONTENT_DIR: join(cwd, 'content'),
    HTTP_PORT: '0',
    LOG_LEVEL: 'debug',
    ...extra,
  };
  return { cwd, env };
}

/** Runs `herald start --once`; resolves with its exit code and all it printed. */
function runOnce(extra: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { cwd, env } = workingEnv(extra);
  const child = spawn(process.execPath, [BIN, 'start', '--once'], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((done) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    }),
  );
}

const leaks = (output: string) =>
  Object.entries(SECRETS).flatMap(([name, secret]) =>
    forms(secret)
      .filter((form) => output.includes(form))
      .map((form) => `${name} (${form})`),
  );

describe('secrets never reach the output', () => {
  it('keeps every secret out of stdout and stderr, on success and on failure', async () => {
    const telegram = new TelegramStandIn({ token: SECRETS.telegram });
    const telegramRoot = await telegram.listen();
    const wrongTelegram = new TelegramStandIn();
    const wrongRoot = await wrongTelegram.listen();
    const discord = await startDiscordStandIn({ token: 'another-token.abc.def' });
    const dbUrl = `postgres://herald:${encodeURIComponent(SECRETS.dbPassword)}@127.0.0.1:1/herald`;
    const common = { TELEGRAM_WEBHOOK_SECRET: SECRETS.webhook };
    const runs = {
      'telegram ok': {
        TELEGRAM_BOT_TOKEN: SECRETS.telegram,
        TELEGRAM_API_ROOT: telegramRoot,
        TELEGRAM_CHANNEL_ID: '@herald_news',
      },
      'telegram 401': { TELEGRAM_BOT_TOKEN: SECRETS.telegram, TELEGRAM_API_ROOT: wrongRoot },
      'discord 401': { DISCORD_TOKEN: SECRETS.discord, DISCORD_API_ROOT: discord.apiRoot },
      'bad DATABASE_URL': {
        DATABASE_URL: dbUrl,
        TELEGRAM_BOT_TOKEN: SECRETS.telegram,
        DISCORD_TOKEN: SECRETS.discord,
      },
    };
    try {
      const results: string[] = [];
      for (const [name, env] of Object.entries(runs)) {
        const { code, output } = await runOnce({ ...common, ...env });
        results.push(`${name}: exit ${code}, ${output.length} chars`);
        expect(leaks(output), `${name}\n${output.slice(-2_000)}`).toEqual([]);
        if (name !== 'telegram ok') expect(code, `${name}\n${output.slice(-2_000)}`).not.toBe(0);
      }
      expect(telegram.calls.length).toBeGreaterThan(0);
      console.log(
        `[reliability] secrets in output: inputs tried ${Object.keys(runs).length} runs x ${Object.keys(SECRETS).length} secrets x 4 forms, rejected 0, crashes 0, hangs 0 (${results.join('; ')})`,
      );
    } finally {
      await telegram.close();
      await wrongTelegram.close();
      await discord.close();
    }
  }, 240_000);
});
