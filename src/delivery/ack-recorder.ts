import type { OutboxStore, SentMark } from '../store/outbox-store.ts';

/**
 * Group commit of acks: every markSent asked for within one event-loop turn is written in one
 * transaction (flushed by setImmediate, so within the same turn's end). Each caller waits for
 * its own commit, so a sender keeps its in-flight slot until its ack is recorded: the acks not
 * yet recorded plus the sends on the wire stay within DELIVERY_MAX_IN_FLIGHT (ADR 0007).
 */
export interface AckRecorder {
  markSent(mark: SentMark, now: Date): Promise<number>;
}

interface Waiting {
  mark: SentMark;
  resolve: (changed: number) => void;
  reject: (err: unknown) => void;
}

export function createAckRecorder(outbox: OutboxStore): AckRecorder {
  const many = outbox.markSentMany?.bind(outbox);
  if (many === undefined) {
    return { markSent: (m, now) => outbox.markSent(m.ids, m.owner, m.messageId, now) };
  }
  let waiting: Waiting[] = [];
  let at = new Date(0);
  const flush = () => {
    const batch = waiting;
    waiting = [];
    many(
      batch.map((w) => w.mark),
      at,
    ).then(
      (changed) => {
        batch.forEach((w, i) => {
          w.resolve(changed[i] ?? 0);
        });
      },
      (err: unknown) => {
        for (const w of batch) w.reject(err);
      },
    );
  };
  return {
    markSent: (mark, now) =>
      new Promise<number>((resolve, reject) => {
        if (waiting.length === 0) setImmediate(flush);
        waiting.push({ mark, resolve, reject });
        at = now;
      }),
  };
}
