import { beforeEach, describe, expect, it } from 'vitest';
import { createCommandHandler } from '../../src/commands/handler.ts';
import type { CommandHandler } from '../../src/domain/platform.ts';
import { createManualClock } from '../../src/domain/clock.ts';
import { silentLog } from '../../src/domain/log.ts';
import type { Reply } from '../../src/domain/reply.ts';
import { openSqliteDatabase } from '../../src/store/sqlite/database.ts';
import { createSqliteEventStore } from '../../src/store/sqlite/event-store.ts';
import { createSqliteStoryStore } from '../../src/store/sqlite/story-store.ts';
import {
  BUDGET,
  BUDGET_LATER,
  CHESS,
  CHESS_LATER,
  FERRY,
  QUAKE,
  T0,
  eventStory,
  storyUrl,
  type EventText,
} from '../support/event-stories.ts';
import { makeDraft } from '../support/drafts.ts';
import { createMemorySubscriptionStore } from '../support/memory-subscription-store.ts';
import { privateChat } from '../support/commands-fixture.ts';

const [Q0, Q1, Q2] = QUAKE as [EventText, EventText, EventText];
const id = (text: EventText) => eventStory(text).draft.id;

describe('coverage and related by event', () => {
  let handler: CommandHandler;
  let stories: ReturnType<typeof createSqliteStoryStore>;
  let related: Record<string, string[]>;
  const send = async (text: string): Promise<Reply> => {
    const reply = await handler.handleText(privateChat(), text);
    if (reply === undefined) throw new Error('no reply');
    return reply;
  };

  beforeEach(async () => {
    const db = openSqliteDatabase(':memory:');
    stories = createSqliteStoryStore(db);
    for (const text of [Q0, Q1, Q2, CHESS, CHESS_LATER, BUDGET, ...FERRY]) {
      const { draft, features } = eventStory(text);
      await stories.upsertStory(draft, T0, { event: features });
    }
    await stories.upsertStory(
      makeDraft({ url: storyUrl('no-event'), title: 'An older story' }),
      T0,
    );
    related = {};
    handler = createCommandHandler({
      stories,
      events: createSqliteEventStore(db),
      subscriptions: createMemorySubscriptionStore(),
      related: { related: (storyId, k) => (related[storyId] ?? []).slice(0, k) },
      clock: createManualClock(T0),
      log: silentLog,
      limits: { relatedResults: 2 },
    });
  });

  it("lists the event's reports in time order, the first marked, with what each added", async () => {
    const reply = await send(`coverage ${storyUrl('quake-bbc')}`);
    expect(reply.kind).toBe('notice');
    const lines = reply.kind === 'notice' ? reply.text.split('\n') : [];
    expect(lines[0]).toBe(`Coverage of “${Q0.title}”: 3 reports, 3 outlets`);
    expect(lines[1]).toBe(`1. Reuters, 2026-06-01 08:00 UTC, first to report: ${Q0.title}`);
    expect(lines[2]).toBe(`2. BBC News, 2026-06-01 08:35 UTC: ${Q1.title}`);
    expect(lines[3]).toMatch(/^ {3}Added: /);
    expect(lines[4]).toBe(`3. Al Jazeera, 2026-06-01 09:30 UTC: ${Q2.title}`);
    // The third report brings the dead and injured: its line names them.
    expect(lines[5]).toMatch(/^ {3}Added: .*\b14\b/);
    expect(lines.at(-1)).toBe('Send summary <number> for a report.');
    // The reports are numbered: "summary 3" is Al Jazeera's.
    const third = await send('summary 3');
    expect(third.kind === 'card' && third.card.id).toBe(id(Q2));
  });

  it('summarises an event of several outlets from all its reports, each sentence with its outlet', async () => {
    const reply = await send(`summary ${storyUrl('quake-bbc')}`);
    const summary = reply.kind === 'card' ? reply.card.summary : [];
    expect(summary.length).toBeGreaterThan(1);
    const outlets = summary.map((s) => /\(([^()]+)\)$/.exec(s)?.[1]);
    expect(outlets.every((o) => o === 'Reuters' || o === 'BBC News' || o === 'Al Jazeera')).toBe(
      true,
    );
    expect(new Set(outlets).size).toBeGreaterThan(1);
    // A story alone in its event keeps its own summary.
    const alone = await send(`summary ${storyUrl('no-event')}`);
    expect(alone.kind === 'card' && alone.card.summary.every((s) => !/\)$/.test(s))).toBe(true);
  });

  it("speaks the chat's language: coverage lines, the policy and the outlets on cards", async () => {
    await send('subscribe');
    expect(await send('language de')).toMatchObject({ text: 'Ich antworte hier auf Deutsch.' });
    const reply = await send(`coverage ${storyUrl('quake-bbc')}`);
    const lines = reply.kind === 'notice' ? reply.text.split('\n') : [];
    expect(lines[0]).toBe(`Berichte zu “${Q0.title}”: 3 Berichte, 3 Medien`);
    expect(lines[1]).toMatch(/ UTC, als Erstes berichtet: /);
    expect(lines.at(-1)).toBe('Sende summary <Nummer> für einen Bericht.');
    const card = await send(`summary ${storyUrl('quake-bbc')}`);
    expect(card.kind === 'card' && card.card.outlets).toBe(3);
  });

  it("says when an undated report's time is only when it was first seen", async () => {
    const { draft, features } = eventStory(BUDGET_LATER);
    const seenAt = new Date(T0.getTime() + 90 * 60_000);
    await stories.upsertStory({ ...draft, dateEstimated: true, publishedAt: seenAt }, seenAt, {
      event: features,
    });
    const reply = await send(`coverage ${storyUrl(BUDGET.slug)}`);
    const lines = reply.kind === 'notice' ? reply.text.split('\n') : [];
    expect(lines[0]).toMatch(/: 2 reports, 2 outlets$/);
    expect(lines[1]).toMatch(/^1\. BBC News, \d{4}-\d\d-\d\d \d\d:\d\d UTC, first to report: /);
    expect(lines[2]).toBe(
      `2. Yorkshire Post, first seen 2026-06-01 09:30 UTC: ${BUDGET_LATER.title}`,
    );
  });

  it('answers to event and timeline alike', async () => {
    const text = await send(`coverage ${storyUrl('quake-reuters')}`);
    expect(await send(`event ${storyUrl('quake-reuters')}`)).toEqual(text);
    expect(await send(`timeline ${storyUrl('quake-reuters')}`)).toEqual(text);
  });

  it('says so for a story with no event, and refuses an unknown one', async () => {
    const reply = await send(`coverage ${storyUrl('no-event')}`);
    expect(reply).toMatchObject({ kind: 'notice', text: /not part of an event yet/ });
    expect(await send('coverage https://news.example/none')).toMatchObject({
      kind: 'error',
      usage: expect.stringMatching(/^coverage <story>/) as unknown,
    });
  });

  it("related lists other events: its own event's reports left out, one story per event", async () => {
    related[id(Q0)] = [
      id(Q1),
      id(CHESS),
      id(Q2),
      id(CHESS_LATER),
      id(BUDGET),
      id(FERRY[0] as EventText),
    ];
    const reply = await send(`related ${storyUrl('quake-reuters')}`);
    expect(reply.kind === 'cards' && reply.cards.map((c) => c.id)).toEqual([id(CHESS), id(BUDGET)]);
  });

  it('shows the number of outlets on cards when more than one', async () => {
    const card = await send(`summary ${storyUrl('quake-bbc')}`);
    expect(card.kind === 'card' && card.card.outlets).toBe(3);
    const single = await send(`summary ${storyUrl('no-event')}`);
    expect(single.kind === 'card' && single.card.outlets).toBeUndefined();
    const list = await send('search Sumatra earthquake');
    expect(list.kind === 'cards' && list.cards.map((c) => c.outlets)).toContain(3);
  });
});
