import type { DeliveryEvent, EventReader } from '../../src/delivery/event-delivery.ts';
import type { Story } from '../../src/domain/story.ts';

/**
 * Events as the event store keeps them, written by hand: which stories report which event, in
 * the order they were added; `merge` folds one event into another the way the store does
 * (the older id stays, its reports gain the other's).
 */
export function createEventBook(): EventReader & {
  add(eventId: string, story: Story): void;
  merge(into: string, from: string): void;
} {
  const reports = new Map<string, { storyId: string; source: string }[]>();
  const eventOfStory = new Map<string, string>();
  const merged = new Map<string, string>();
  const resolve = (id: string): string => {
    const to = merged.get(id);
    return to === undefined ? id : resolve(to);
  };
  return {
    add(eventId, story) {
      const id = resolve(eventId);
      const list = reports.get(id) ?? [];
      list.push({ storyId: story.id, source: story.source });
      reports.set(id, list);
      eventOfStory.set(story.id, id);
    },
    merge(into, from) {
      const list = [...(reports.get(into) ?? []), ...(reports.get(from) ?? [])];
      reports.set(into, list);
      reports.delete(from);
      merged.set(from, into);
    },
    eventOf(storyId) {
      const id = eventOfStory.get(storyId);
      if (id === undefined) return Promise.resolve(undefined);
      const event = resolve(id);
      const list = reports.get(event) ?? [];
      const found: DeliveryEvent = {
        id: event,
        reports: list,
        outlets: new Set(list.map((r) => r.source)).size,
      };
      return Promise.resolve(found);
    },
  };
}
