import { describe, expect, it } from 'vitest';
import { alsoReported } from '../../src/delivery/event-delivery.ts';
import type { Story } from '../../src/domain/story.ts';
import { makeDraft } from '../support/drafts.ts';

const T0 = new Date('2026-06-01T08:00:00Z');
const story = (id: string, source: string, minutes: number): Story => ({
  ...makeDraft({ id, source, title: `Quake report ${id}` }),
  ingestedAt: new Date(T0.getTime() + minutes * 60_000),
  updatedAt: T0,
});

const stories = [story('a', 'Reuters', 0), story('b', 'BBC News', 5), story('c', 'Al Jazeera', 9)];
const byId = new Map(stories.map((s) => [s.id, s]));
const reader = { getStory: (id: string) => Promise.resolve(byId.get(id)) };
const event = {
  id: 'e1',
  reports: stories.map((s) => ({ storyId: s.id, source: s.source })),
  outlets: 3,
};
const [post, , last] = stories as [Story, Story, Story];

/** The line an edit adds to an event's post speaks the chat's language. */
describe('also reported by, in each language', () => {
  it.each([
    [undefined, 'Also reported by: BBC News, Al Jazeera (3 outlets)'],
    ['de', 'Auch berichtet von: BBC News, Al Jazeera (3 Medien)'],
    ['es', 'También lo cuentan: BBC News, Al Jazeera (3 medios)'],
  ])('%s', async (language, line) => {
    expect(await alsoReported(reader, event, post, last, language)).toEqual({ line, outlets: 3 });
  });
});
