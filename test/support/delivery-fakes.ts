import { createManualClock, type Clock } from '../../src/domain/clock.ts';
import type { EditTarget, Platform, SendOutcome } from '../../src/domain/platform.ts';
import type { Reply } from '../../src/domain/reply.ts';
import type { PlatformName, Target } from '../../src/domain/subscription.ts';
import type { Sleep } from '../../src/delivery/sleep.ts';

export interface SendCall {
  target: Target;
  reply: Reply;
  at: number;
  outcome: SendOutcome;
  /** A reply (follow-up) to this message id. */
  replyTo?: string;
  /** An edit of this message. */
  edit?: EditTarget;
}

/** Decides one send's outcome; undefined means "ack it". */
export type Responder = (target: Target, reply: Reply, call: number) => SendOutcome | undefined;

export type FakePlatform = Platform & {
  calls: SendCall[];
  /** Outcomes handed out first, in order (then the responder, then an ack). */
  queue: SendOutcome[];
  respond: Responder;
  /** Calls the platform acknowledged. */
  acked(): SendCall[];
};

/** A scripted Platform: records every send with the virtual time it happened at. */
export function createFakePlatform(name: PlatformName, clock: Clock): FakePlatform {
  let messages = 0;
  const fake: FakePlatform = {
    name,
    calls: [],
    queue: [],
    respond: () => undefined,
    acked: () => fake.calls.filter((c) => c.outcome.kind === 'sent'),
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    state: () => 'ready',
    send: (target, reply, options) => {
      const scripted = fake.queue.shift() ?? fake.respond(target, reply, fake.calls.length);
      const outcome = scripted ?? { kind: 'sent', messageId: `m${(messages += 1)}` };
      const replyTo = options?.replyTo?.messageId;
      const at = clock.now().getTime();
      fake.calls.push({
        target,
        reply,
        at,
        outcome,
        ...(replyTo === undefined ? {} : { replyTo }),
      });
      return Promise.resolve(outcome);
    },
    edit: (target, reply, edit) => {
      const scripted = fake.queue.shift() ?? fake.respond(target, reply, fake.calls.length);
      const outcome = scripted ?? { kind: 'sent', messageId: edit.messageId };
      fake.calls.push({ target, reply, at: clock.now().getTime(), outcome, edit });
      return Promise.resolve(outcome);
    },
  };
  return fake;
}

export const ack = (): SendOutcome | undefined => undefined;
export const tooMany = (afterMs: number): SendOutcome => ({
  kind: 'retry',
  afterMs,
  reason: `429 retry after ${afterMs} ms`,
});
export const serverError = (): SendOutcome => ({ kind: 'transient', reason: '502 bad gateway' });
export const forbidden = (): SendOutcome => ({
  kind: 'rejected',
  reason: '403 bot was blocked by the user',
});
export const badRequest = (): SendOutcome => ({
  kind: 'invalid',
  reason: '400 message is too long',
});

/**
 * Virtual time: a manual clock, and a sleep that moves it instead of waiting. The clock jumps
 * to the earliest sleeper's wake time only once every other task is idle (a macrotask later),
 * so code between a wake-up and its next await runs at the instant it woke. A sleeper that
 * wakes takes its abort listener off the signal (a dispatcher sleeps tens of thousands of
 * times on one signal), and an abort after the wake-up changes nothing.
 */
export function createVirtualTime(start: Date) {
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

export type VirtualTime = ReturnType<typeof createVirtualTime>;

/** The most sends found in any window of `windowMs` (sliding, (t - w, t]). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let from = 0;
  sorted.forEach((t, i) => {
    while ((sorted[from] ?? t) <= t - windowMs) from += 1;
    best = Math.max(best, i - from + 1);
  });
  return best;
}
