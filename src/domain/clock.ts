/** Where time comes from. Use cases take a Clock; tests pass a fake one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told to: for tests and replays. */
export function createManualClock(
  start: Date | number = 0,
): Clock & { advance(ms: number): void; set(t: Date | number): void } {
  let t = typeof start === 'number' ? start : start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms;
    },
    set: (to: Date | number) => {
      t = typeof to === 'number' ? to : to.getTime();
    },
  };
}
