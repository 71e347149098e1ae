import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.ts';

const TOKEN = '123456789:AAE-abcdefghijklmnopqrstuvwxyz_0123';

describe('telegram config keys', () => {
  it('has no telegram section without a token', () => {
    expect(loadConfig({ TELEGRAM_CHANNEL_ID: '@news' }).telegram).toBeUndefined();
  });

  it('reads every key, with defaults, and adds the operators', () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_CHANNEL_ID: '-1001234567890',
      TELEGRAM_OPERATOR_IDS: '11, 22',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/tg',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example/hook',
      TELEGRAM_WEBHOOK_SECRET: 's3cret_value',
    });
    expect(config.telegram).toEqual({
      token: TOKEN,
      channelId: '-1001234567890',
      operatorIds: ['11', '22'],
      apiRoot: 'http://127.0.0.1:8081/tg/',
      webhook: { url: 'https://bot.example/hook', port: 8443, secret: 's3cret_value' },
    });
    expect(config.operators).toEqual(expect.arrayContaining(['telegram:11', 'telegram:22']));
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN }).telegram?.apiRoot).toBe(
      'https://api.telegram.org/',
    );
  });

  it('reports every bad key at once, never echoing the token', () => {
    const bad = 'not-a-token-but-secret';
    let error: unknown;
    try {
      loadConfig({
        TELEGRAM_BOT_TOKEN: bad,
        TELEGRAM_CHANNEL_ID: 'news',
        TELEGRAM_WEBHOOK_URL: 'http://insecure.example/hook',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/TELEGRAM_BOT_TOKEN/);
    expect(problems).toMatch(/TELEGRAM_CHANNEL_ID/);
    expect(problems).toMatch(/TELEGRAM_WEBHOOK_URL/);
    expect(problems).not.toContain(bad);
  });
});
