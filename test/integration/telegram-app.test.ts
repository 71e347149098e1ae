import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPlatforms } from '../../adapters/index.ts';
import { loadConfig } from '../../src/app/config.ts';
import { createApp } from '../../src/app/create-app.ts';
import { createLogger } from '../../src/app/log.ts';
import { TelegramStandIn } from '../support/telegram-stand-in.ts';

const SEED = resolve(import.meta.dirname, '../../content/000_286eab670ba08ef6.txt');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'herald-telegram-'));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  mkdirSync(join(dir, 'content'));
  copyFileSync(SEED, join(dir, 'content', 'seed.txt'));
  const standIn = new TelegramStandIn();
  const apiRoot = await standIn.listen();
  cleanups.push(() => standIn.close());
  const config = loadConfig({
    HERALD_DATA_DIR: join(dir, 'data'),
    CONTENT_DIR: join(dir, 'content'),
    FEEDS_FILE: join(dir, 'feeds.yaml'),
    HTTP_PORT: '0',
    LOG_LEVEL: 'debug',
    TELEGRAM_BOT_TOKEN: standIn.token,
    TELEGRAM_API_ROOT: apiRoot,
    TELEGRAM_CHANNEL_ID: '@herald_news',
  });
  const lines: string[] = [];
  const log = createLogger(config, { write: (line: string) => void lines.push(line) });
  return { config, log, lines, standIn };
}

describe('herald start --once with TELEGRAM_BOT_TOKEN set', () => {
  it('posts the new story to the configured channel once, across a restart', async () => {
    const { config, log, lines, standIn } = await setup();
    expect(config.telegram?.apiRoot.endsWith('/')).toBe(true);

    for (let run = 0; run < 2; run += 1) {
      const platforms = await createPlatforms(config, log, { once: true });
      expect(platforms.map((p) => p.name)).toEqual(['telegram']);
      const app = await createApp({ config, log, platforms });
      const report = await app.runOnce();
      expect(report.dispatch.sent).toBe(run === 0 ? 1 : 0);
    }

    const posts = standIn.messages.filter((m) => m.chat.username === 'herald_news');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.text ?? posts[0]?.caption).toMatch(/^Russia Becomes First/);
    expect(standIn.calls.some((c) => c.method === 'getUpdates')).toBe(false);
    expect(lines.join('\n')).not.toContain(standIn.token.split(':')[1]);
  });
});
