import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.ts';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'sqlite', path: 'data/herald.db' });
    expect(config.contentDir).toBe('content');
    expect(config.language).toBe('en');
    expect(config.logLevel).toBe('info');
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ CONTENT_DIR: '', LOG_LEVEL: '  ' }).contentDir).toBe('content');
  });

  it('reports every problem at once, each naming its key', () => {
    let error: unknown;
    try {
      loadConfig({ LOG_LEVEL: 'loud', HERALD_LANGUAGE: 'English', HTTP_PORT: '99999' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/LOG_LEVEL/);
    expect(problems).toMatch(/HERALD_LANGUAGE/);
    expect(problems).toMatch(/HTTP_PORT/);
  });

  it('says each problem in plain words, never repeating a secret', () => {
    const problems = (() => {
      try {
        loadConfig({ HTTP_PORT: 'abc', LOG_FORMAT: 'fancy', TELEGRAM_BOT_TOKEN: 'oops-secret' });
      } catch (err) {
        return (err as ConfigError).problems;
      }
      return [];
    })();
    expect(problems).toContain('HTTP_PORT: expected a number, got "abc"');
    expect(problems).toContain('LOG_FORMAT: expected one of auto, pretty, json, got "fancy"');
    expect(problems.join('\n')).toContain('TELEGRAM_BOT_TOKEN: expected the token');
    expect(problems.join('\n')).not.toContain('oops-secret');
  });

  it('reads the service keys with their defaults', () => {
    const config = loadConfig({});
    expect(config.content).toEqual({ firstAnnounce: 3, floodThreshold: 20 });
    expect(config.feedAlertAfterMs).toBe(24 * 3_600_000);
    expect(loadConfig({ FEEDS_ALERT_AFTER: '90m' }).feedAlertAfterMs).toBe(90 * 60_000);
    expect(loadConfig({ FEEDS_ALERT_AFTER: '2' }).feedAlertAfterMs).toBe(2 * 3_600_000);
  });

  it("leaves WhatsApp Web's socket to baileys, or takes the ws(s) URL of WHATSAPP_WEB_SOCKET_URL", () => {
    expect(loadConfig({}).whatsapp?.webSocketUrl).toBeUndefined();
    const url = 'ws://127.0.0.1:4000/ws/chat';
    expect(loadConfig({ WHATSAPP_WEB_SOCKET_URL: url }).whatsapp?.webSocketUrl).toBe(url);
    expect(() => loadConfig({ WHATSAPP_WEB_SOCKET_URL: 'http://127.0.0.1:4000' })).toThrow(
      /WHATSAPP_WEB_SOCKET_URL/,
    );
  });
});
