import type { ServerResponse } from 'node:http';
import type { FaultInjector } from './fault-plan.ts';

/** The `faults` option of a stand-in: off unless given; picks a fault per message request. */
export interface StandInFaults {
  next: FaultInjector;
  /** The retry_after of a `tooMany` fault, in seconds (default 1). */
  retryAfterSec?: number;
  /** How long a `slow` answer is held back, in real ms (longer than the client's timeout). */
  slowMs?: number;
  /** Told of the answer of each message the stand-in stored (see `createUnansweredCount`). */
  stored?: (res: ServerResponse) => void;
}

/**
 * Counts stored messages whose answer never finished: dropped, held past the client's
 * timeout, or abandoned by a client that gave up on its own. Each is a message the platform
 * holds while the sender cannot know it: the in-flight window of duplicates, measured.
 */
export function createUnansweredCount() {
  let count = 0;
  return {
    count: () => count,
    watch: (res: ServerResponse) => {
      res.on('close', () => {
        if (!res.writableFinished) count += 1;
      });
    },
  };
}

/** Sends a 200's headers and a part of its body, then destroys the connection. */
export function dropAfterHeaders(res: ServerResponse): number {
  if (res.destroyed) return 200;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
  res.write('{"ok":true,"result":{"message_id"');
  res.socket?.destroy();
  return 200;
}

/** Holds the answer back for `ms` real milliseconds (the timer does not keep the process up). */
export function holdBack(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
