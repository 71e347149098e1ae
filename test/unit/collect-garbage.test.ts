/**
 * When a long ingest forces a full collection (src/domain/collect-garbage.ts): only when its
 * heap has grown well past what the last collection kept, looked at every so many stories.
 */
import { describe, expect, it } from 'vitest';
import { garbageSchedule, heapLimit } from '../../src/domain/collect-garbage.ts';

const MB = 1024 * 1024;

/** A heap that holds `live` after a collection and grows by `perStory` between. */
function fakeHeap(live: number, perStory: number) {
  const heap = { used: live, collections: 0 };
  return {
    heap,
    grow: (stories: number) => {
      heap.used += stories * perStory;
    },
    options: {
      heapUsed: () => heap.used,
      collect: () => {
        heap.collections += 1;
        heap.used = live;
      },
    },
  };
}

describe('garbage schedule', () => {
  it('collects only once the heap passes half again what was kept, plus 32 MB', () => {
    expect(heapLimit(100 * MB)).toBe(182 * MB);
    const { heap, grow, options } = fakeHeap(50 * MB, 0.05 * MB);
    const done = garbageSchedule({ ...options, every: 500 });
    // 50 MB kept: the limit is 107 MB, passed after 1,140 stories (57 MB of garbage).
    for (let i = 0; i < 2; i += 1) {
      grow(500);
      done(500);
    }
    expect(heap.collections).toBe(0);
    grow(500);
    done(500);
    expect(heap.collections).toBe(1);
    expect(heap.used).toBe(50 * MB);
  });

  it('looks only every so many stories, and takes what V8 kept on its own as the base', () => {
    const { heap, grow, options } = fakeHeap(40 * MB, 0.1 * MB);
    const done = garbageSchedule({ ...options, every: 1000 });
    grow(999);
    done(999);
    heap.used = 20 * MB; // V8 collected meanwhile: 20 MB is the new base (limit 62 MB).
    done(1);
    grow(450);
    done(1000);
    expect(heap.collections).toBe(1);
  });

  it('collects every time with a limit of 0 (the index build at start)', () => {
    const { heap, options } = fakeHeap(10 * MB, 0);
    const done = garbageSchedule({ ...options, every: 2000, limit: () => 0 });
    for (let i = 0; i < 10; i += 1) done(1000);
    expect(heap.collections).toBe(5);
  });
});
