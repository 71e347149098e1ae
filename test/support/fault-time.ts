import { createManualClock } from '../../src/domain/clock.ts';
import type { Sleep } from '../../src/delivery/sleep.ts';

/**
 * Virtual time as in delivery-fakes.ts (the clock jumps to the earliest sleeper a macrotask
 * later), but a sleeper that wakes takes its abort listener off the signal: the suite sleeps
 * tens of thousands of times on one dispatcher's signal.
 */
export function createFaultTime(start: Date) {
  const clock = createManualClock(start);
  const timers: { at: number; wake: () => void }[] = [];
  let scheduled = false;
  const fire = () => {
    scheduled = false;
    timers.sort((a, b) => a.at - b.at);
    const at = timers[0]?.at;
    if (at === undefined) return;
    if (at > clock.now().getTime()) clock.set(at);
    while ((timers[0]?.at ?? Infinity) <= clock.now().getTime()) timers.shift()?.wake();
    schedule();
  };
  const schedule = () => {
    if (scheduled || timers.length === 0) return;
    scheduled = true;
    setImmediate(fire);
  };
  const sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = timers.indexOf(timer);
        if (index >= 0) timers.splice(index, 1);
        reject(new Error('aborted'));
      };
      const timer = {
        at: clock.now().getTime() + ms,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
      schedule();
    });
  return { clock, sleep };
}

export type FaultTime = ReturnType<typeof createFaultTime>;
