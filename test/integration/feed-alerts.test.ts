import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatforms } from '../../adapters/index.ts';
import { loadConfig } from '../../src/app/config.ts';
import { createApp } from '../../src/app/create-app.ts';
import { createLogger } from '../../src/app/log.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import { fixture, startServer } from '../fixtures/feeds/server.ts';
import { startDiscordStandIn } from '../support/discord-stand-in.ts';
import { TelegramStandIn } from '../support/telegram-stand-in.ts';

const OPERATOR = 4242;
const DISCORD_OPERATOR = '412345678901234567';
const HOUR = 3_600_000;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'herald-alerts-'));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  mkdirSync(join(dir, 'content'));
  const feed = { failing: true };
  const server = await startServer({
    '/feed.xml': (_req, res) => {
      if (feed.failing) res.writeHead(503).end('down for maintenance');
      else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(fixture('rss2.xml'));
    },
  });
  cleanups.push(() => server.close());
  writeFileSync(join(dir, 'feeds.yaml'), `feeds:\n  - url: ${server.url('/feed.xml')}\n`);
  const standIn = new TelegramStandIn();
  const apiRoot = await standIn.listen();
  cleanups.push(() => standIn.close());
  standIn.privateChat({ id: OPERATOR, is_bot: false, first_name: 'Op' });
  const discord = await startDiscordStandIn();
  cleanups.push(() => discord.close());
  const config = loadConfig({
    HERALD_DATA_DIR: join(dir, 'data'),
    CONTENT_DIR: join(dir, 'content'),
    FEEDS_FILE: join(dir, 'feeds.yaml'),
    FEEDS_ALLOW_PRIVATE_HOSTS: 'true',
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    TELEGRAM_BOT_TOKEN: standIn.token,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_OPERATOR_IDS: String(OPERATOR),
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_GUILD_ID: discord.guild.id,
    DISCORD_API_ROOT: discord.apiRoot,
    HERALD_OPERATORS: `discord:${DISCORD_OPERATOR}`,
  });
  const log = createLogger(config, { write: () => undefined });
  return { config, log, feed, standIn, discord };
}

describe('feed alerts to the operators', () => {
  it('one alert once a feed has failed 24 h, none repeated, one recovery message', async () => {
    const { config, log, feed, standIn, discord } = await setup();
    const toDiscordOperator = () =>
      discord.directMessages(DISCORD_OPERATOR).map((m) => m.body.content ?? '');
    const clock = createManualClock(new Date('2026-03-01T08:00:00Z'));
    const toOperator = () =>
      standIn.messages.filter((m) => m.chat.id === OPERATOR).map((m) => m.text ?? '');
    // Each round is one `start --once` a little more than a day apart (past the backoff).
    const round = async (failing: boolean) => {
      feed.failing = failing;
      const platforms = await createPlatforms(config, log, { once: true });
      const app = await createApp({ config, log, platforms, clock });
      await app.runOnce();
      clock.advance(25 * HOUR);
    };

    await round(true);
    expect(toOperator()).toEqual([]);
    await round(true);
    expect(toOperator()).toHaveLength(1);
    expect(toOperator()[0]).toMatch(/has failed for 25 h \(never read\): .*503/);
    expect(toDiscordOperator()).toHaveLength(1);
    expect(toDiscordOperator()[0]).toMatch(/has failed for 25 h/);
    await round(true);
    await round(true);
    expect(toOperator()).toHaveLength(1);
    // The stand-in holds Telegram's one message a second per chat (in real time): rounds on a
    // quiet machine come faster than that, and a refused alert waits for the next poll.
    await new Promise((r) => setTimeout(r, 1100));
    await round(false);
    expect(toOperator()).toHaveLength(2);
    expect(toOperator()[1]).toMatch(/works again \(it failed for 4 d 4 h\)/);
    await round(false);
    await round(true);
    expect(toOperator()).toHaveLength(2);
    // Discord: the same two messages in the operator's DM channel, opened by the adapter.
    expect(toDiscordOperator()).toHaveLength(2);
    expect(toDiscordOperator()[1]).toMatch(/works again/);
    expect(discord.dmRequests.every((id) => id === DISCORD_OPERATOR)).toBe(true);
  }, 60_000);
});
