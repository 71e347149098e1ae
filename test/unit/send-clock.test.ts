import { describe, expect, it } from 'vitest';
import type { RateLimiter } from '../../src/delivery/rate-limiter.ts';
import { createSendClock } from '../../src/delivery/send-clock.ts';
import type { Target } from '../../src/domain/subscription.ts';

const target: Target = { platform: 'telegram', chatId: '1', kind: 'private' };

function recording() {
  const moves: [number, number][] = [];
  const limiter = {
    departed: (_p: string, _t: Target, from: number, to: number) => moves.push([from, to]),
  } as unknown as RateLimiter;
  return { moves, clock: createSendClock(limiter) };
}

describe('send clock (ADR 0028)', () => {
  it('counts a send from its departure, and a slow answer from the answer less the quickest trip', () => {
    const { moves, clock } = recording();
    clock.departed('telegram', target, 1000, 1005);
    clock.answered('telegram', target, 1005, 1055); // the first trip: 50 ms, the quickest so far
    clock.departed('telegram', target, 2000, 2001);
    clock.answered('telegram', target, 2001, 2031); // 30 ms: quicker, nothing to move
    clock.departed('telegram', target, 3000, 3001);
    clock.answered('telegram', target, 3001, 3201); // 200 ms: it left or arrived late
    expect(moves).toEqual([
      [1000, 1005],
      [2000, 2001],
      [3000, 3001],
      [3001, 3171],
    ]);
  });
});

describe('send clock: a send behind it answered sooner', () => {
  it('bounds a slow answer by the earliest answer of a send that left after it', () => {
    const { moves, clock } = recording();
    clock.answered('telegram', target, 0, 30); // the quickest trip: 30 ms
    clock.answered('telegram', target, 102, 140); // left 2 ms after the next, answered first
    clock.answered('telegram', target, 100, 170); // 70 ms: but it reached the platform by 110
    clock.answered('telegram', target, 200, 300); // nothing left after it: 300 - 30
    expect(moves).toEqual([
      [102, 110],
      [100, 110],
      [200, 270],
    ]);
  });

  it('does not take a send that left before it as a bound', () => {
    const { moves, clock } = recording();
    clock.answered('telegram', target, 0, 30);
    clock.answered('telegram', target, 50, 85); // left before the next, answered quickly
    clock.answered('telegram', target, 60, 130);
    expect(moves).toEqual([
      [50, 55],
      [60, 100],
    ]);
  });
});
