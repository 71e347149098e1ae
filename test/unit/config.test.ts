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
});
