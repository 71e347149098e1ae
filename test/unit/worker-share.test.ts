import { describe, expect, it } from 'vitest';
import { WorkerShare } from '../../src/ingest/worker-share.ts';

describe('the text worker share of a chunk', () => {
  it('starts whole, shrinks in proportion to a wait, grows back by steps, within bounds', () => {
    const share = new WorkerShare(100);
    expect(share.share).toBe(100);
    // The thread worked 60 ms and then waited 40 ms: the worker needed 100 ms for 100.
    share.update(40, 60);
    expect(share.share).toBe(60);
    share.update(0.5, 50); // noise
    expect(share.share).toBe(70);
    share.update(2, 100); // taking the answer: 2% of the work
    expect(share.share).toBe(80);
    for (let i = 0; i < 10; i += 1) share.update(0, 50);
    expect(share.share).toBe(100);
    share.update(5, 100); // 5%: the worker is behind
    expect(share.share).toBe(95);
    share.update(0, 50);
    expect(share.share).toBe(100);
    share.update(10_000, 1);
    expect(share.share).toBe(WorkerShare.MIN);
  });

  it('never gives more than a chunk, even a small one', () => {
    const share = new WorkerShare(5);
    share.update(100, 1);
    expect(share.share).toBe(5);
    share.update(0, 1);
    expect(share.share).toBe(5);
  });
});
