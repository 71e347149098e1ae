import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/delivery/backoff.ts';
import { isTimeZone, nextDigestAt } from '../../src/delivery/digest-time.ts';

describe('nextDigestAt', () => {
  it('picks the next time today or tomorrow, in UTC', () => {
    const now = new Date('2026-03-10T12:30:00Z');
    expect(nextDigestAt(['08:00', '18:00'], 'UTC', now)).toEqual(new Date('2026-03-10T18:00:00Z'));
    expect(nextDigestAt(['08:00'], 'UTC', now)).toEqual(new Date('2026-03-11T08:00:00Z'));
    expect(nextDigestAt(['12:30'], 'UTC', now)).toEqual(new Date('2026-03-11T12:30:00Z'));
  });

  it('reads times in the zone, across a daylight-saving change', () => {
    // New York moves to summer time on 2026-03-08 at 02:00.
    const before = new Date('2026-03-07T20:00:00Z');
    expect(nextDigestAt(['09:00'], 'America/New_York', before)).toEqual(
      new Date('2026-03-08T13:00:00Z'),
    );
    const winter = new Date('2026-01-15T00:00:00Z');
    expect(nextDigestAt(['09:00'], 'America/New_York', winter)).toEqual(
      new Date('2026-01-15T14:00:00Z'),
    );
    expect(nextDigestAt(['23:30'], 'Asia/Kolkata', winter)).toEqual(
      new Date('2026-01-15T18:00:00Z'),
    );
  });

  it('knows a zone from a typo', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('backoffDelay', () => {
  const settings = { baseMs: 2000, maxMs: 60_000 };
  it('doubles per attempt with jitter between half and all of it, up to the cap', () => {
    expect(backoffDelay(1, settings, () => 0)).toBe(1000);
    expect(backoffDelay(1, settings, () => 1)).toBe(2000);
    expect(backoffDelay(3, settings, () => 1)).toBe(8000);
    expect(backoffDelay(20, settings, () => 1)).toBe(60_000);
    expect(backoffDelay(20, settings, () => 0)).toBe(30_000);
  });
});
