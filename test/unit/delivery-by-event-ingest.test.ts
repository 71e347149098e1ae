import { describe, expect, it } from 'vitest';
import { silentLog } from '../../src/domain/log.ts';
import type { DeliveryPolicy } from '../../src/domain/subscription.ts';
import { createIngestPipeline } from '../../src/ingest/pipeline.ts';
import { developmentOf } from '../../src/text/events/development.ts';
import { createTextEngine } from '../../src/text/engine.ts';
import { createDeliveryHarness, runUntilIdle } from '../support/delivery-harness.ts';
import { MERGING, QUAKE, parsedStory, type EventText } from '../support/event-stories.ts';

const SETTINGS = { sourceName: 'Herald', language: 'en', maxFutureSkewMs: 3_600_000 };

/** The real ingest (events assigned in the store) announcing to the real fan-out. */
function setup(policy: DeliveryPolicy) {
  const h = createDeliveryHarness({ events: 'store', development: developmentOf });
  const pipeline = createIngestPipeline({
    stories: h.stories,
    engine: createTextEngine(),
    clock: h.clock,
    log: silentLog,
    settings: SETTINGS,
    announce: async (stories) => {
      await h.fanOut.enqueueStories(stories);
    },
  });
  const ingest = async (text: EventText) => {
    await pipeline.ingest([parsedStory(text)]);
    await runUntilIdle(h);
  };
  return { h, ingest, subscribe: () => h.subscribe({ chatId: '42' }, { policy }) };
}

const footer = (reply: unknown) => (reply as { footer?: string }).footer;

describe('delivery by event, from the ingest', () => {
  it('posts an earthquake three feeds report once, then edits it twice naming the outlets', async () => {
    const { h, ingest, subscribe } = setup('event');
    await subscribe();
    for (const text of QUAKE) await ingest(text);
    const calls = h.platform().calls;
    expect(calls.filter((c) => c.edit === undefined)).toHaveLength(1);
    expect(calls[0]?.reply).toMatchObject({ card: { source: 'Reuters' } });
    expect(calls.filter((c) => c.edit !== undefined).map((c) => footer(c.reply))).toEqual([
      'Also reported by: BBC News (2 outlets)',
      'Also reported by: BBC News, Al Jazeera (3 outlets)',
    ]);
  });

  it('follows up the report that adds the dead and injured, on event+updates', async () => {
    const { h, ingest, subscribe } = setup('event+updates');
    await subscribe();
    for (const text of QUAKE) await ingest(text);
    const followUps = h.platform().calls.filter((c) => c.replyTo !== undefined);
    // Every later report that developmentOf finds adds something, threaded to the post.
    const sources = followUps.map((c) => (c.reply.kind === 'card' ? c.reply.card.source : ''));
    expect(sources).toContain('Al Jazeera');
    expect(followUps.every((c) => c.replyTo === 'm1')).toBe(true);
    expect(
      h.platform().calls.filter((c) => c.edit === undefined && c.replyTo === undefined),
    ).toHaveLength(1);
  });

  it('posts nothing again when a report shows two posted events are one', async () => {
    const { h, ingest, subscribe } = setup('event');
    await subscribe();
    for (const text of MERGING) await ingest(text);
    const calls = h.platform().calls;
    const posts = calls.filter((c) => c.edit === undefined);
    expect(posts).toHaveLength(2);
    const edits = calls.filter((c) => c.edit !== undefined);
    expect(edits.map((c) => c.edit?.messageId)).toEqual(['m1']);
    expect(footer(edits[0]?.reply)).toBe('Also reported by: Jakarta Post, Reuters (3 outlets)');
  });
});
