import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.ts';
import { createApp } from '../../src/app/create-app.ts';
import { createLogger } from '../../src/app/log.ts';
import type { Platform, PlatformState } from '../../src/domain/platform.ts';
import type { Reply } from '../../src/domain/reply.ts';
import type { Target } from '../../src/domain/subscription.ts';

const SEED = resolve(import.meta.dirname, '../../content/000_286eab670ba08ef6.txt');
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'herald-app-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'content'));
  copyFileSync(SEED, join(dir, 'content', 'seed.txt'));
  const config = loadConfig({
    HERALD_DATA_DIR: join(dir, 'data'),
    CONTENT_DIR: join(dir, 'content'),
    FEEDS_FILE: join(dir, 'feeds.yaml'),
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  return { config, log: createLogger(config) };
}

/** A platform that records what it is asked to send. */
function recordingPlatform(failStart = false) {
  const sent: { target: Target; message: Reply }[] = [];
  let state: PlatformState = 'stopped';
  const platform: Platform = {
    name: 'console',
    start: () => {
      if (failStart) return Promise.reject(new Error('bad token'));
      state = 'ready';
      return Promise.resolve();
    },
    stop: () => {
      state = 'stopped';
      return Promise.resolve();
    },
    send: (target, message) => {
      sent.push({ target, message });
      return Promise.resolve({ kind: 'sent', messageId: `m${sent.length}` });
    },
    state: () => state,
  };
  return { platform, sent };
}

describe('createApp', () => {
  it('runOnce ingests the content folder, delivers the new story to the console, and stops', async () => {
    const { config, log } = setup();
    const { platform, sent } = recordingPlatform();
    const app = await createApp({ config, log, platforms: [platform] });
    const report = await app.runOnce();
    expect(report.ingest).toMatchObject({ added: 1, rejected: 0 });
    expect(report.dispatch.sent).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.target).toEqual({ platform: 'console', chatId: 'console', kind: 'private' });
    const message = sent[0]?.message;
    expect(message?.kind === 'card' ? message.card.title : '').toMatch(/^Russia Becomes First/);
    expect(platform.state()).toBe('stopped');
  });

  it('start serves /healthz while running; stop closes everything', async () => {
    const { config, log } = setup();
    const { platform, sent } = recordingPlatform();
    const app = await createApp({ config, log, platforms: [platform] });
    await app.start();
    const address = app.address();
    expect(address).toBeDefined();
    const url = `http://127.0.0.1:${address?.port ?? 0}/healthz`;
    const health = await fetch(url);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', platforms: { console: 'ready' } });
    expect(sent).toHaveLength(1);
    await app.stop();
    await app.stop();
    expect(platform.state()).toBe('stopped');
    await expect(fetch(url)).rejects.toThrow();
  });

  it('refuses to run when no platform can start', async () => {
    const { config, log } = setup();
    const { platform } = recordingPlatform(true);
    const app = await createApp({ config, log, platforms: [platform] });
    await expect(app.runOnce()).rejects.toThrow(/no platform could start/);
  });
});
