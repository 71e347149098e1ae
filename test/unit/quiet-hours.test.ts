import { describe, expect, it } from 'vitest';
import { digestTimeFor, isQuiet } from '../../src/delivery/quiet-hours.ts';
import type { Subscription } from '../../src/domain/subscription.ts';

type Sub = Pick<Subscription, 'mode' | 'preferences'>;
const instant = (preferences: Subscription['preferences']): Sub => ({
  mode: { kind: 'instant' },
  preferences,
});
const night = { from: '22:00', to: '07:00' };

describe('quiet hours', () => {
  it('spans midnight in the chat zone', () => {
    const at = (iso: string) => new Date(iso);
    // Berlin is UTC+2 in June: 22:00-07:00 local is 20:00-05:00 UTC.
    expect(isQuiet(night, 'Europe/Berlin', at('2026-06-01T19:59:00Z'))).toBe(false);
    expect(isQuiet(night, 'Europe/Berlin', at('2026-06-01T20:00:00Z'))).toBe(true);
    expect(isQuiet(night, 'Europe/Berlin', at('2026-06-02T04:59:00Z'))).toBe(true);
    expect(isQuiet(night, 'Europe/Berlin', at('2026-06-02T05:00:00Z'))).toBe(false);
    expect(isQuiet({ from: '12:00', to: '14:00' }, 'UTC', at('2026-06-01T13:00:00Z'))).toBe(true);
    expect(isQuiet({ from: '12:00', to: '14:00' }, 'UTC', at('2026-06-01T15:00:00Z'))).toBe(false);
  });

  it('sends at once outside quiet hours and holds for their end inside them', () => {
    const sub = instant({ quiet: night, timezone: 'Europe/Berlin' });
    expect(digestTimeFor(sub, 'UTC', new Date('2026-06-01T12:00:00Z'))).toBeUndefined();
    expect(digestTimeFor(sub, 'UTC', new Date('2026-06-01T21:30:00Z'))).toEqual(
      new Date('2026-06-02T05:00:00Z'),
    );
    expect(digestTimeFor(instant({}), 'UTC', new Date('2026-06-01T21:30:00Z'))).toBeUndefined();
  });

  it('uses the default zone when the chat chose none', () => {
    const sub = instant({ quiet: night });
    expect(digestTimeFor(sub, 'America/New_York', new Date('2026-06-02T03:00:00Z'))).toEqual(
      new Date('2026-06-02T11:00:00Z'),
    );
  });

  it('ends at 07:00 on the wall clock across both daylight-saving changes', () => {
    const sub = instant({ quiet: night, timezone: 'Europe/Berlin' });
    // 25 October 2026: Berlin goes from UTC+2 back to UTC+1 at 03:00.
    expect(digestTimeFor(sub, 'UTC', new Date('2026-10-24T21:30:00Z'))).toEqual(
      new Date('2026-10-25T06:00:00Z'),
    );
    // 29 March 2026: Berlin goes from UTC+1 to UTC+2 at 02:00.
    expect(digestTimeFor(sub, 'UTC', new Date('2026-03-28T22:30:00Z'))).toEqual(
      new Date('2026-03-29T05:00:00Z'),
    );
  });

  it('moves a digest time that falls in quiet hours to their end', () => {
    const sub: Sub = {
      mode: { kind: 'digest', times: ['06:00', '18:00'] },
      preferences: { quiet: night, timezone: 'UTC' },
    };
    expect(digestTimeFor(sub, 'UTC', new Date('2026-06-01T19:00:00Z'))).toEqual(
      new Date('2026-06-02T07:00:00Z'),
    );
    expect(digestTimeFor(sub, 'UTC', new Date('2026-06-02T08:00:00Z'))).toEqual(
      new Date('2026-06-02T18:00:00Z'),
    );
  });
});
