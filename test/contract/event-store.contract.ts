import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/store/event-store.ts';
import type { StoryStore } from '../../src/store/story-store.ts';
import {
  BUDGET,
  CHESS,
  MERGING,
  QUAKE,
  T0,
  eventStory,
  type EventText,
} from '../support/event-stories.ts';
import { makeDraft } from '../support/drafts.ts';

/** The story and event ports of one store (one database). */
export interface EventPorts {
  stories: StoryStore;
  events: EventStore;
}

/** A fresh, empty store per test; `again` opens a second one on the same database. */
export interface EventStoreHarness {
  open(): Promise<EventPorts & { again(): Promise<EventPorts>; close(): Promise<void> }>;
}

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** The event contract: every engine runs this suite unchanged. */
export function eventStoreContract(name: string, harness: EventStoreHarness): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: Awaited<ReturnType<EventStoreHarness['open']>>;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await store.close();
    });

    const add = async (text: EventText, ports: EventPorts = store) => {
      const { draft, features } = eventStory(text);
      return ports.stories.upsertStory(draft, at(text.minutes), { event: features });
    };

    it('assigns a new story to a new event in its upsert, and reads it back', async () => {
      const first = QUAKE[0] as EventText;
      const result = await add(first);
      expect(result.event).toEqual({
        event: 'e000000001',
        created: true,
        repeat: false,
        kept: false,
      });
      expect(result.story.eventId).toBe('e000000001');
      expect(await store.stories.getStory(result.story.id)).toEqual(result.story);
      const event = await store.events.eventOf(result.story.id);
      expect(event).toMatchObject({
        id: 'e000000001',
        title: first.title,
        firstStoryId: result.story.id,
        outlets: 1,
      });
      expect(event?.createdAt).toEqual(at(first.minutes));
      expect(event?.reports).toEqual([
        {
          storyId: result.story.id,
          title: first.title,
          source: first.source,
          at: result.story.publishedAt,
          url: result.story.url,
        },
      ]);
    });

    it('makes the reports of one event by three outlets one event, in time order', async () => {
      const added = [];
      for (const text of [QUAKE[2], QUAKE[0], QUAKE[1]] as EventText[]) added.push(await add(text));
      const ids = new Set(added.map((r) => r.story.eventId));
      expect(ids.size).toBe(1);
      const event = await store.events.eventOf(added[1]?.story.id ?? '');
      expect(event?.id).toBe('e000000001');
      // The first stored (Al Jazeera's) started it; the reports are in publication order.
      expect(event?.firstStoryId).toBe(added[0]?.story.id);
      expect(event?.reports.map((r) => r.source)).toEqual(['Reuters', 'BBC News', 'Al Jazeera']);
      expect(event?.outlets).toBe(3);
      const badges = await store.events.badges(added.map((r) => r.story.id));
      expect([...badges.values()]).toEqual(
        Array.from({ length: 3 }, () => ({ eventId: 'e000000001', reports: 3, outlets: 3 })),
      );
    });

    it('starts another event for a story of another happening', async () => {
      const quake = await add(QUAKE[0] as EventText);
      const chess = await add(CHESS);
      const budget = await add(BUDGET);
      expect([quake, chess, budget].map((r) => r.story.eventId)).toEqual([
        'e000000001',
        'e000000002',
        'e000000003',
      ]);
      expect((await store.events.eventOf(chess.story.id))?.reports).toHaveLength(1);
    });

    it('keeps the event of a story stored again, changed or not (idempotent)', async () => {
      const first = await add(QUAKE[0] as EventText);
      await add(CHESS);
      const again = await add(QUAKE[0] as EventText);
      expect(again.outcome).toBe('unchanged');
      expect(again.event).toEqual({
        event: first.story.eventId,
        created: false,
        repeat: false,
        kept: true,
      });
      const { draft, features } = eventStory(QUAKE[0] as EventText);
      const edited = {
        ...makeDraft({ ...draft, body: `${draft.body}\n\nUpdated.` }),
        id: draft.id,
      };
      const changed = await store.stories.upsertStory(edited, at(5), { event: features });
      expect(changed.outcome).toBe('changed');
      expect(changed.story.eventId).toBe(first.story.eventId);
      expect((await store.events.getEvent('e000000001'))?.reports).toHaveLength(1);
    });

    it('assigns nothing without features, and later assigns a story stored without', async () => {
      const { draft, features } = eventStory(QUAKE[0] as EventText);
      const bare = await store.stories.upsertStory(draft, at(0));
      expect(bare.event).toBeUndefined();
      expect(bare.story.eventId).toBeUndefined();
      expect(await store.events.eventOf(draft.id)).toBeUndefined();
      expect((await store.events.badges([draft.id])).size).toBe(0);
      const later = await store.stories.upsertStory(draft, at(1), { event: features });
      expect(later.outcome).toBe('unchanged');
      expect(later.event?.created).toBe(true);
      expect((await store.events.eventOf(draft.id))?.reports).toHaveLength(1);
    });

    it('finds nothing for an unknown story or event', async () => {
      expect(await store.events.eventOf('nope')).toBeUndefined();
      expect(await store.events.getEvent('e000000042')).toBeUndefined();
      expect((await store.events.badges(['nope'])).size).toBe(0);
    });

    it('keeps all its state in the store: a second opening decides as the first would', async () => {
      const other = await store.again();
      const a = await add(QUAKE[0] as EventText);
      const b = await add(QUAKE[1] as EventText, other);
      const c = await add(CHESS, other);
      const d = await add(QUAKE[2] as EventText);
      expect([a, b, c, d].map((r) => r.story.eventId)).toEqual([
        'e000000001',
        'e000000001',
        'e000000002',
        'e000000001',
      ]);
      expect((await other.events.eventOf(d.story.id))?.outlets).toBe(3);
    });

    it('merges two events into the older id, and the absorbed id resolves to it', async () => {
      const [harbour, clinic, both] = MERGING as [EventText, EventText, EventText];
      const a = await add(harbour);
      const b = await add(clinic);
      expect([a.story.eventId, b.story.eventId]).toEqual(['e000000001', 'e000000002']);
      const c = await add(both);
      expect(c.event).toMatchObject({ event: 'e000000001', merged: 'e000000002' });
      for (const r of [a, b, c])
        expect((await store.events.eventOf(r.story.id))?.id).toBe('e000000001');
      const survivor = await store.events.getEvent('e000000002');
      expect(survivor?.id).toBe('e000000001');
      expect(survivor?.firstStoryId).toBe(a.story.id);
      expect(survivor?.reports.map((r) => r.storyId)).toEqual([a, b, c].map((r) => r.story.id));
      // The next new event takes the next number: the absorbed one is not given again.
      expect((await add(CHESS)).story.eventId).toBe('e000000003');
    });

    it('makes a near-duplicate (another feed, the same text) a repeated report', async () => {
      const first = await add(QUAKE[0] as EventText);
      const copy = await add({ ...(QUAKE[0] as EventText), slug: 'quake-copy', source: 'Yahoo' });
      expect(copy.event).toMatchObject({ event: first.story.eventId, repeat: true });
    });
  });
}
