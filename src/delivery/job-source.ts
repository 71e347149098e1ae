import type { OutboxRow } from '../domain/outbox.ts';
import type { PlatformName } from '../domain/subscription.ts';
import type { Clock } from '../domain/clock.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import { ids, type DeliveryJob } from './delivery-job.ts';

export interface JobSourceDeps {
  outbox: OutboxStore;
  clock: Clock;
  platform: PlatformName;
  leaseMs: number;
  digestBatch: number;
  /** Most instant posts of one chat claimed together, to go as one message (ADR 0029). */
  postBatch?: number;
  /** Chats' heads per claim: the platform's sender count, so a claimed row waits one send at most. */
  batch: number;
  owner: () => string;
}

export interface JobSource {
  /**
   * The next claimed job; undefined when a claim found nothing due, or when the queue is
   * empty and `mayClaim` is false (stopping: only jobs already claimed are handed out).
   */
  next(mayClaim: boolean): Promise<DeliveryJob | undefined>;
  /** Gives back the jobs claimed but not handed out (stop). */
  releaseQueued(): Promise<void>;
}

/**
 * Shares one claim (one transaction, up to `batch` chats' heads) among a platform's senders:
 * a sender that finds the queue empty starts a claim, or waits for the one under way.
 */
export function createJobSource(deps: JobSourceDeps): JobSource {
  const queue: DeliveryJob[] = [];
  let claiming: Promise<number> | undefined;
  const claim = async (): Promise<number> => {
    const owner = deps.owner();
    const rows = await deps.outbox.claimDue({
      owner,
      now: deps.clock.now(),
      leaseMs: deps.leaseMs,
      limit: deps.batch,
      platform: deps.platform,
      digestBatch: deps.digestBatch,
      ...(deps.postBatch === undefined ? {} : { batch: deps.postBatch }),
    });
    queue.push(...toJobs(owner, rows));
    return rows.length;
  };
  return {
    next: async (mayClaim) => {
      for (;;) {
        const job = queue.shift();
        if (job !== undefined) return job;
        if (!mayClaim && claiming === undefined) return undefined;
        claiming ??= claim().finally(() => (claiming = undefined));
        if ((await claiming) === 0 && queue.length === 0) return undefined;
      }
    },
    releaseQueued: async () => {
      const now = deps.clock.now();
      for (const job of queue.splice(0)) await deps.outbox.release(ids(job.rows), job.owner, now);
    },
  };
}

/**
 * One job per subscription and lane, in claim order (a digest head and its batch share one; a
 * chat's post and its edit lane's head are two).
 */
function toJobs(owner: string, rows: readonly OutboxRow[]): DeliveryJob[] {
  const jobs = new Map<string, DeliveryJob>();
  for (const row of rows) {
    const key = `${row.subscriptionId} ${row.chatKey}`;
    const job = jobs.get(key);
    if (job === undefined)
      jobs.set(key, { owner, subscriptionId: row.subscriptionId, rows: [row] });
    else job.rows.push(row);
  }
  return [...jobs.values()];
}
