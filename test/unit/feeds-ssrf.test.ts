import { describe, expect, it } from 'vitest';
import { guardedLookup, refusedRange } from '../../src/ingest/feeds/ssrf-guard.ts';

describe('refusedRange', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['169.254.10.10', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['0.0.0.0', 'unspecified'],
    ['169.254.169.254', 'cloud metadata'],
    ['::ffff:169.254.169.254', 'cloud metadata'],
  ])('refuses %s (%s) when private hosts are not allowed', (address, range) => {
    expect(refusedRange(address, false)).toBe(range);
  });

  it('lets public addresses through', () => {
    expect(refusedRange('93.184.216.34', false)).toBeUndefined();
    expect(refusedRange('2606:4700::1111', false)).toBeUndefined();
  });

  it('lets private addresses through when allowed, but never the metadata endpoint', () => {
    expect(refusedRange('127.0.0.1', true)).toBeUndefined();
    expect(refusedRange('192.168.1.1', true)).toBeUndefined();
    expect(refusedRange('169.254.169.254', true)).toBe('cloud metadata');
  });
});

describe('guardedLookup', () => {
  const lookupWith = (addresses: string[]) =>
    new Promise<{ err: Error | null; address: unknown }>((resolve) => {
      const lookup = guardedLookup(false, () =>
        Promise.resolve(
          addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
        ),
      );
      lookup('feed.test', {}, (err, address) => {
        resolve({ err, address });
      });
    });

  it('hands the socket the address it checked', async () => {
    expect(await lookupWith(['93.184.216.34'])).toEqual({ err: null, address: '93.184.216.34' });
  });

  it('refuses a host when any of its addresses is private (no rebinding through a second answer)', async () => {
    const { err } = await lookupWith(['93.184.216.34', '10.0.0.5']);
    expect(err?.message).toMatch(/refused feed\.test \(10\.0\.0\.5, private address\)/);
  });
});
