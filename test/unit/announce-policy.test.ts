import { describe, expect, it } from 'vitest';
import { announceCap, parseAnnounce, quietBeyond } from '../../src/ingest/announce-policy.ts';
import type { Story } from '../../src/domain/story.ts';

const guarded = { kind: 'guarded', newest: 3, above: 20 } as const;
const story = (id: string, hour: number) =>
  ({ id, publishedAt: new Date(Date.UTC(2026, 0, 1, hour)) }) as Story;

describe('announce policy', () => {
  it('parses all, none and a number; refuses anything else', () => {
    expect(parseAnnounce('all')).toEqual({ kind: 'all' });
    expect(parseAnnounce(' NONE ')).toEqual({ kind: 'none' });
    expect(parseAnnounce('7')).toEqual({ kind: 'newest', n: 7 });
    expect(parseAnnounce('-1')).toBeUndefined();
    expect(parseAnnounce('some')).toBeUndefined();
  });

  it('guards an empty store and a burst past the threshold, not a small ingest', () => {
    expect(announceCap(guarded, { storeWasEmpty: true }, 2)).toBe(3);
    expect(announceCap(guarded, { storeWasEmpty: false }, 21)).toBe(3);
    expect(announceCap(guarded, { storeWasEmpty: false }, 20)).toBeUndefined();
    expect(announceCap({ kind: 'all' }, { storeWasEmpty: true }, 5000)).toBeUndefined();
    expect(announceCap({ kind: 'none' }, { storeWasEmpty: false }, 1)).toBe(0);
  });

  it('stores all but the newest quietly', async () => {
    const marked: string[] = [];
    const stories = {
      markAnnounced: (ids: readonly string[]) => (marked.push(...ids), Promise.resolve()),
    };
    const added = [story('a', 1), story('b', 5), story('c', 3), story('d', 4)];
    expect(await quietBeyond(stories, added, 2)).toBe(2);
    expect(marked.sort()).toEqual(['a', 'c']);
    expect(await quietBeyond(stories, added, undefined)).toBe(0);
  });
});
