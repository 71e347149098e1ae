import type { Clock, Log } from '../../src/index.ts';
import { WhatsAppSessionLockedError } from './errors.ts';
import type { SessionLock } from './types.ts';

/** Runs `task` every `ms`; returns how to stop it (tests pass a manual one). */
export type Every = (ms: number, task: () => void) => () => void;

export const realEvery: Every = (ms, task) => {
  const timer = setInterval(task, ms);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
};

export interface HeldLockOptions {
  lock: SessionLock;
  name: string;
  owner: string;
  ttlMs: number;
  clock: Clock;
  log: Log;
  every?: Every;
  /** Called when a renewal finds the lock taken (this process must let go of the session). */
  onLost: () => void;
}

export interface HeldLock {
  release(): Promise<void>;
}

/**
 * Takes the session lock or throws WhatsAppSessionLockedError; then renews it at a third of its
 * time to live, so it outlives this process by at most `ttlMs` after a crash.
 */
export async function holdSessionLock(options: HeldLockOptions): Promise<HeldLock> {
  const { lock, name, owner, ttlMs, clock, log } = options;
  if (!(await lock.acquire(name, owner, ttlMs, clock.now()))) {
    throw new WhatsAppSessionLockedError(name);
  }
  const renew = async () => {
    if (await lock.renew(name, owner, ttlMs, clock.now())) return;
    log.error({ lock: name }, 'whatsapp: the session lock was taken over; stopping WhatsApp');
    options.onLost();
  };
  const stop = (options.every ?? realEvery)(Math.max(1, Math.floor(ttlMs / 3)), () => {
    renew().catch((err: unknown) => {
      log.warn({ err, lock: name }, 'whatsapp: could not renew the session lock');
    });
  });
  return {
    release: async () => {
      stop();
      await lock.release(name, owner);
    },
  };
}
