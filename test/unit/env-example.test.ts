import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, loadConfig } from '../../src/app/config.ts';

const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
const entries = example
  .split('\n')
  .filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line))
  .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);

describe('.env.example', () => {
  it('lists every key Herald reads, and no other', () => {
    expect(entries.map(([key]) => key).sort()).toEqual([...CONFIG_KEYS].sort());
  });

  it('gives each key a comment above it or in its section', () => {
    const lines = example.split('\n');
    for (const [key] of entries) {
      const at = lines.findIndex((l) => l.startsWith(`${key}=`));
      const before = lines.slice(Math.max(0, at - 4), at);
      expect(
        before.some((l) => l.startsWith('#')),
        key,
      ).toBe(true);
    }
  });

  it('holds values that load as a valid configuration', () => {
    expect(() => loadConfig(Object.fromEntries(entries))).not.toThrow();
  });
});
