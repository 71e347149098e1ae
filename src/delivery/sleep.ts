import { setTimeout as delay } from 'node:timers/promises';

/** Waits `ms`; rejects early (AbortError) when `signal` aborts. Tests pass a virtual one. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal === undefined ? {} : { signal });
};

/** Thrown by a wait that was cut short by shutdown. */
export class DeliveryAbortedError extends Error {
  override readonly name = 'DeliveryAbortedError';
  constructor() {
    super('delivery stopped while waiting');
  }
}
